import IncidentStorage
import IncidentStore
import PostGISStore

/// Whether a store takes writes, for a front end that must refuse a write plainly (the server's
/// `POST /articles`) rather than fail it: a store opened read-only (a read-only file, folder or
/// mount, a full disk, an older store that cannot be upgraded in place), and a write that a
/// store refused because it cannot be written now (a hot standby, a disk that filled up).
///
/// ```swift
/// if let reason = StoreWrites.refusal(by: store) { … // answer 503 with the reason
/// ```
public enum StoreWrites {
    /// Why `store` refuses every write, or `nil` when it takes them.
    public static func refusal(by store: any StoreBackend) -> String? {
        (store as? IncidentStore)?.readOnlyReason
    }

    /// Why a write failed with `error`, when it failed because the store cannot be written
    /// rather than for a fault; `nil` otherwise.
    public static func refusal(in error: any Error) -> String? {
        switch error {
        case StoreError.readOnly(_, let reason): return reason
        case StoreError.diskFull: return "its disk is full"
        case PostGISStoreError.readOnlyServer: return "it is a read-only server (a hot standby)"
        case let error as PostGISStoreError where error.isDiskFull: return "its server's disk is full"
        default: return nil
        }
    }
}
