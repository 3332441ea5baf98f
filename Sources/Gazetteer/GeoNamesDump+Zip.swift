import Foundation
import ZIPFoundation

/// Reading the country file out of a GeoNames zip with a cap on what it unpacks to (issue 14:
/// a 1 MB zip that held 1 GiB of zeros took `gazetteer refresh` to 2.1 GB of memory).
extension GeoNamesDump {
    /// The most a zipped dump may unpack to: 256 MiB. GeoNames' country files are far smaller
    /// (LY.txt about 2 MB, the largest countries' a few hundred MB zipped together in
    /// allCountries, which incidentmap does not read); the dump is held in memory as text, so
    /// this is also the bound on the memory a refresh takes for it.
    public static let defaultMaximumUncompressedSize = 256 << 20

    /// Why a zip entry was not read past the cap.
    struct EntryTooLarge: Error {
        let bytes: UInt64?
    }

    /// The country file inside a GeoNames zip (`LY.txt` in `LY.zip`), skipping its readme,
    /// read in chunks and refused as soon as it passes `maximumSize`: at once where the zip
    /// declares a larger size, otherwise once that many bytes have come out (a zip's declared
    /// sizes can lie).
    static func unzipCountryFile(_ url: URL, maximumSize: Int = defaultMaximumUncompressedSize) throws(GazetteerError) -> Data {
        let archive: Archive
        do {
            archive = try Archive(url: url, accessMode: .read)
        } catch {
            throw GazetteerError.unreadable(file: url.path, reason: "not a readable zip archive")
        }
        guard let entry = archive.first(where: { $0.path.hasSuffix(".txt") && !$0.path.lowercased().contains("readme") }) else {
            throw GazetteerError.unreadable(file: url.path, reason: "the zip holds no country .txt file")
        }
        func tooLarge(_ bytes: UInt64?) -> GazetteerError {
            let size = bytes.map { "unpacks to \($0 >> 20) MiB" } ?? "unpacks to more than \(maximumSize >> 20) MiB"
            return .unreadable(file: url.path, reason: "\(entry.path) in the zip \(size), over the limit of \(maximumSize >> 20) MiB "
                               + "for a GeoNames country dump: is it the right file? (a country's dump, such as LY.zip, is a few MB)")
        }
        guard entry.uncompressedSize <= UInt64(maximumSize) else { throw tooLarge(entry.uncompressedSize) }
        var data = Data(capacity: Int(entry.uncompressedSize))
        do {
            _ = try archive.extract(entry) { chunk in
                guard data.count + chunk.count <= maximumSize else { throw EntryTooLarge(bytes: nil) }
                data.append(chunk)
            }
        } catch let error as EntryTooLarge {
            throw tooLarge(error.bytes)
        } catch {
            throw GazetteerError.unreadable(file: url.path, reason: "\(entry.path) in the zip cannot be unpacked (\(error))")
        }
        return data
    }
}
