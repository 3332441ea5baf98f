import Foundation
import Testing
import TestSupport
import ZIPFoundation
@testable import Gazetteer

/// A zipped dump that unpacks to far more than a country's (issue 14: 1 MB holding 1 GiB
/// took 2.1 GB of memory): refused at once where the zip says so, and after the cap's worth
/// of bytes where its header lies. The zips are made here from a stream of zeros.
@Suite struct ZipCapTests {
    /// A zip at `path` holding `LY.txt`: `size` bytes of zeros, deflated.
    func zipOfZeros(_ path: String, size: Int64) throws {
        let archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .create)
        try archive.addEntry(with: "LY.txt", type: .file, uncompressedSize: size, compressionMethod: .deflate,
                             bufferSize: 1 << 20) { _, count in Data(count: count) }
    }

    @Test func aZipThatSaysItHoldsMoreThanTheCapIsRefusedBeforeUnpacking() throws {
        let folder = try TemporaryFolder()
        let path = folder.path + "/LY.zip"
        let size = Int64(GeoNamesDump.defaultMaximumUncompressedSize) + (1 << 20)
        try zipOfZeros(path, size: size)
        let zipSize = try #require(try FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber).intValue
        #expect(zipSize < 1 << 20, "the zip is \(zipSize) bytes")
        do {
            _ = try GeoNamesDump.places(from: path, districts: [:])
            Issue.record("a zip unpacking to \(size) bytes was read")
        } catch {
            #expect(error.description.contains("LY.txt in the zip unpacks to 257 MiB, over the limit of 256 MiB"), "\(error)")
        }
    }

    @Test func aSmallCapStopsTheUnpackingAndKeepsWhatFits() throws {
        let folder = try TemporaryFolder()
        let path = folder.path + "/LY.zip"
        try zipOfZeros(path, size: 4 << 20)
        #expect(throws: GazetteerError.self) { try GeoNamesDump.unzipCountryFile(URL(fileURLWithPath: path), maximumSize: 1 << 20) }
        #expect(try GeoNamesDump.unzipCountryFile(URL(fileURLWithPath: path), maximumSize: 4 << 20).count == 4 << 20)
    }

    /// The sizes in the zip's headers rewritten to 100 bytes: only counting what comes out
    /// stops it.
    @Test func aZipWhoseHeaderLiesIsStoppedAtTheCapWhileUnpacking() throws {
        let folder = try TemporaryFolder()
        let path = folder.path + "/LY.zip"
        try zipOfZeros(path, size: 16 << 20)
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        // The uncompressed size: 22 bytes into a local file header (PK\3\4), 24 into a central
        // directory one (PK\1\2), little-endian.
        for (signature, offset) in [([0x50, 0x4B, 0x03, 0x04] as [UInt8], 22), ([0x50, 0x4B, 0x01, 0x02], 24)] {
            let start = try #require((0..<(bytes.count - 4)).first { bytes[$0..<($0 + 4)].elementsEqual(signature) })
            bytes.replaceSubrange((start + offset)..<(start + offset + 4), with: [100, 0, 0, 0])
        }
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        do {
            _ = try GeoNamesDump.unzipCountryFile(URL(fileURLWithPath: path), maximumSize: 1 << 20)
            Issue.record("a zip unpacking past the cap was read")
        } catch {
            #expect(error.description.contains("unpacks to more than 1 MiB, over the limit of 1 MiB"), "\(error)")
        }
    }
}
