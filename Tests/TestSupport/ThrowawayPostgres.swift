import Foundation

/// A PostgreSQL cluster with PostGIS, started in a temporary folder on a free loopback port with
/// trust authentication, for the tests and benchmarks of the PostGIS store; stopped and removed
/// when the process exits. One cluster serves a whole test run (``shared()``); each test takes an
/// empty database of its own (``makeDatabase()``), copied from a template that has PostGIS.
///
/// ```swift
/// let url = try ThrowawayPostgres.shared().makeDatabase()  // postgresql://postgres@127.0.0.1:PORT/test_…
/// let store = try StoreLocation(url).open(.createIfMissing)
/// ```
///
/// initdb refuses to run as root (CI runs as root): there the server's programs run as the
/// unprivileged user `nobody`, through `runuser`, and the folder is given to it.
public final class ThrowawayPostgres: Sendable {
    /// The TCP port on 127.0.0.1.
    public let port: Int
    /// The folder holding the data directory, the unix socket and the server's log.
    public let folder: String
    private let binaries: String

    /// The template every test database is copied from: PostGIS installed once.
    static let template = "incidentmap_template"

    /// What went wrong starting the cluster, in words that say what to do.
    public struct StartError: Error, CustomStringConvertible {
        public let description: String
    }

    nonisolated(unsafe) private static var started: Result<ThrowawayPostgres, any Error>?
    private static let startLock = NSLock()

    /// The cluster of this process, started on first use.
    public static func shared() throws -> ThrowawayPostgres {
        startLock.lock()
        defer { startLock.unlock() }
        if started == nil {
            started = Result { try ThrowawayPostgres() }
            if case .success = started { atexit { ThrowawayPostgres.stopShared() } }
        }
        return try started!.get()
    }

    private static func stopShared() {
        if case .success(let cluster) = started { cluster.stop() }
    }

    /// Starts a new cluster (initdb, pg_ctl start, PostGIS in the template database).
    public init() throws {
        guard let binaries = Self.findBinaries() else {
            throw StartError(description: "PostgreSQL's server programs (initdb, pg_ctl) were not found under "
                + "/usr/lib/postgresql: run Scripts/setup to install postgresql-15 and postgresql-15-postgis-3")
        }
        self.binaries = binaries
        folder = NSTemporaryDirectory() + "incidentmap-postgres-" + UUID().uuidString
        port = try Self.freePort()
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o755])
        if geteuid() == 0 { chown(folder, 65534, 65534) }
        try run("initdb", ["-D", folder + "/data", "-U", "postgres", "--auth=trust", "--encoding=UTF8", "--locale=C",
                           "--no-sync"])
        try startServer()
        try psql("postgres", "CREATE DATABASE \(Self.template)")
        do {
            try psql(Self.template, "CREATE EXTENSION postgis")
        } catch {
            stop()
            throw StartError(description: "PostGIS could not be installed in the test cluster (\(error)): "
                + "run Scripts/setup to install postgresql-15-postgis-3")
        }
    }

    /// Starts a hot standby of `primary` on a port of its own: a base backup streamed from it
    /// (pg_basebackup, which writes the standby's settings), replaying the primary's changes as
    /// they come. Stop it with ``stop()``.
    public init(replicaOf primary: ThrowawayPostgres) throws {
        binaries = primary.binaries
        folder = NSTemporaryDirectory() + "incidentmap-postgres-" + UUID().uuidString
        port = try Self.freePort()
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o755])
        if geteuid() == 0 { chown(folder, 65534, 65534) }
        // A fast checkpoint: the default spreads the backup's checkpoint over most of
        // checkpoint_timeout (up to four and a half minutes), and the test waited that long
        // while the other suites kept the primary's buffers dirty.
        try run("pg_basebackup", ["-h", "127.0.0.1", "-p", String(primary.port), "-U", "postgres", "-D", folder + "/data",
                                  "-R", "-X", "stream", "--no-sync", "--checkpoint=fast"])
        try startServer()
    }

    /// Starts the server on ``port``, its socket in ``folder``.
    private func startServer() throws {
        // fsync off: a test cluster that a crash loses costs nothing, and every commit is faster.
        try run("pg_ctl", ["-D", folder + "/data", "-l", folder + "/server.log", "-w", "-t", "60", "-o",
                           "-p \(port) -k \(folder) -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off"
                           + " -c full_page_writes=off -c max_connections=200", "start"])
    }

    /// Waits until this standby has replayed everything `primary` has written so far.
    public func waitForReplay(of primary: ThrowawayPostgres, timeout: TimeInterval = 60) throws {
        // The insert position, not pg_current_wal_lsn()'s write position: these clusters commit
        // with synchronous_commit=off, so the last commit may be inserted and not yet written,
        // and a standby that reached the write position could still miss it (seen under the
        // load of the whole parallel run: the standby showed the store with no incidents).
        let position = try primary.psql("postgres", "SELECT pg_current_wal_insert_lsn()").trimmingCharacters(in: .whitespacesAndNewlines)
        let deadline = Date().addingTimeInterval(timeout)
        // Until the answer is true: a standby still starting has replayed nothing, and its NULL
        // position compares to NULL, which psql prints as an empty line, not "f".
        while try !psql("postgres", "SELECT pg_last_wal_replay_lsn() >= '\(position)'::pg_lsn").hasPrefix("t") {
            guard Date() < deadline else { throw StartError(description: "the standby did not reach \(position) in \(timeout) s") }
            usleep(50_000)
        }
    }

    /// The URL of the cluster's database `name`, as the superuser `postgres` over TCP.
    public func url(database: String) -> String { "postgresql://postgres@127.0.0.1:\(port)/\(database)" }

    /// Creates an empty database with PostGIS (and no incidentmap schema) and returns its URL.
    public func makeDatabase() throws -> String {
        let name = "test_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        try psql("postgres", "CREATE DATABASE \(name) TEMPLATE \(Self.template)")
        return url(database: name)
    }

    /// Creates an empty database with PostGIS whose tables live in `folder` (a tablespace there,
    /// given to the server's user), and returns its URL and the tablespace's name. The cluster's
    /// WAL stays where it was: a small file system at `folder` fills with the store's tables
    /// alone, which PostgreSQL reports as an error of the statement (SQLSTATE 53100) rather
    /// than the crash of a full WAL disk. Drop both with ``dropDatabase(_:tablespace:)``, or
    /// use a cluster of one's own: a hot standby made of this cluster would copy the
    /// tablespace to the same path, and refuse to.
    public func makeDatabase(tablespaceIn folder: String) throws -> (url: String, tablespace: String) {
        let suffix = UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        let name = "test_" + suffix, tablespace = "space_" + suffix
        if geteuid() == 0 { chown(folder, 65534, 65534) }
        try psql("postgres", "CREATE TABLESPACE \(tablespace) LOCATION '\(folder)'")
        try psql("postgres", "CREATE DATABASE \(name) TEMPLATE \(Self.template) TABLESPACE \(tablespace)")
        return (url(database: name), tablespace)
    }

    /// Drops the database at `url` and then `tablespace`, so that the server holds no file in it.
    public func dropDatabase(_ url: String, tablespace: String) throws {
        let name = String(url.split(separator: "/").last ?? "")
        try psql("postgres", "DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
        try psql("postgres", "DROP TABLESPACE IF EXISTS \(tablespace)")
    }

    /// Runs `sql` in `database` with psql, as the superuser; returns what psql printed
    /// (unaligned, tuples only).
    @discardableResult
    public func psql(_ database: String, _ sql: String) throws -> String {
        try run("psql", ["-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-h", "127.0.0.1", "-p", String(port),
                         "-U", "postgres", "-d", database, "-c", sql], asServerUser: false)
    }

    /// Stops the server at once and removes its folder.
    public func stop() {
        _ = try? run("pg_ctl", ["-D", folder + "/data", "-m", "immediate", "-w", "stop"])
        try? FileManager.default.removeItem(atPath: folder)
    }

    /// The folder of the newest PostgreSQL's server programs Debian installed.
    static func findBinaries() -> String? {
        let root = "/usr/lib/postgresql"
        let versions = ((try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []).compactMap(Int.init).sorted()
        return versions.reversed().map { "\(root)/\($0)/bin" }
            .first { FileManager.default.isExecutableFile(atPath: $0 + "/initdb") }
    }

    /// A TCP port on 127.0.0.1 that nothing listens on now (the kernel's choice for port 0).
    static func freePort() throws -> Int {
        let socketHandle = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socketHandle >= 0 else { throw StartError(description: "no socket for finding a free port") }
        defer { close(socketHandle) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { socketAddress in
                bind(socketHandle, socketAddress, length) == 0 && getsockname(socketHandle, socketAddress, &length) == 0
            }
        }
        guard bound else { throw StartError(description: "no free loopback port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// Runs one of the server's programs (as `nobody` when this process is root) and returns what
    /// it printed; a failure throws with that and the server's log.
    ///
    /// posix_spawn and waitpid rather than Foundation's `Process`, whose `waitUntilExit` was
    /// seen here never to return for a `runuser` that had exited (left a zombie) while pg_ctl's
    /// server went on in the background. Output goes to a file, never a pipe, which the
    /// server would inherit and hold open.
    @discardableResult
    func run(_ program: String, _ arguments: [String], asServerUser: Bool = true) throws -> String {
        var command = [binaries + "/" + program] + arguments
        if asServerUser && geteuid() == 0 { command = ["/usr/sbin/runuser", "-u", "nobody", "--"] + command }
        let outputFile = folder + "/\(program)-\(UUID().uuidString).out"
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputFile, O_WRONLY | O_CREAT | O_TRUNC, 0o666)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        let argv = command.map { strdup($0) } + [nil]
        defer { for argument in argv { free(argument) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, command[0], &actions, nil, argv, environ)
        guard spawned == 0 else {
            throw StartError(description: "\(command[0]) could not be started (error \(spawned))")
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        let printed = (try? String(contentsOfFile: outputFile, encoding: .utf8)) ?? ""
        try? FileManager.default.removeItem(atPath: outputFile)
        // Exited normally with status 0 (WIFEXITED and WEXITSTATUS, macros Swift does not import).
        guard status & 0x7f == 0, (status >> 8) & 0xff == 0 else {
            let log = (try? String(contentsOfFile: folder + "/server.log", encoding: .utf8)) ?? ""
            throw StartError(description: "\(program) failed (status \(status)): \(printed)"
                + (log.isEmpty ? "" : "\nserver log:\n" + log))
        }
        return printed
    }
}
