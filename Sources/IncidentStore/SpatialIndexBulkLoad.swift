import Foundation
import CSQLite
import GRDB

/// Builds SpatiaLite's R*Tree for a point table in one pass, packed in sort-tile-recursive
/// order, by writing the R*Tree's node tables (`…_node`, `…_rowid`, `…_parent`) directly.
///
/// Written by hand because SQLite and SpatiaLite only fill an R*Tree one row at a time (an
/// R* insertion with re-insertions for each row: about 12 s for a million points, most of a
/// large ingest). The node format is SQLite's (rtree.c): a 4-byte header (tree depth on the
/// root, cell count), then per cell a 64-bit id and four 32-bit floats (xmin, xmax, ymin,
/// ymax), big-endian; coordinates rounded outwards as SQLite rounds them. `rtreecheck()`
/// verifies the result in the tests.
enum SpatialIndexBulkLoad {
    struct Entry {
        var id: Int64
        var xmin: Float, xmax: Float, ymin: Float, ymax: Float
        var centreX: Float { (xmin + xmax) / 2 }
        var centreY: Float { (ymin + ymax) / 2 }
    }

    /// Rebuilds `indexTable` (an `rtree(pkid, xmin, xmax, ymin, ymax)`) from the
    /// `longitude`/`latitude` columns of every row of `table`, read from `coveringIndex` (an
    /// index on `(id, latitude, longitude)`): a tenth of the table's pages.
    static func rebuild(_ db: Database, table: String, indexTable: String, coveringIndex: String) throws {
        var entries: [Entry] = []
        entries.reserveCapacity(try Int.fetchOne(db, sql: "SELECT max(id) FROM \(table)") ?? 0)
        let select = try db.makeStatement(sql: "SELECT id, longitude, latitude FROM \(table) INDEXED BY \(coveringIndex)")
        try select.forEachRow(in: db, storePath: "") { handle in
            let x = sqlite3_column_double(handle, 1), y = sqlite3_column_double(handle, 2)
            entries.append(Entry(id: sqlite3_column_int64(handle, 0), xmin: down(x), xmax: up(x), ymin: down(y), ymax: up(y)))
        }

        let nodeSize = try Int.fetchOne(db, sql: "SELECT length(data) FROM \(indexTable)_node WHERE nodeno = 1") ?? 1228
        let capacity = (nodeSize - 4) / 24

        // Level by level: leaves hold entries, each level above holds the boxes of the one below.
        var levels: [[(box: Entry, children: [Entry])]] = []
        var current = pack(entries, capacity: capacity).map { group in (box: bounds(group), children: group) }
        levels.append(current)
        while current.count > 1 {
            let boxes = current.enumerated().map { index, node in
                var box = node.box
                box.id = Int64(index)
                return box
            }
            current = pack(boxes, capacity: capacity).map { group in (box: bounds(group), children: group) }
            levels.append(current)
        }

        // Number the nodes from the root (1) down, level by level.
        var numbers: [[Int64]] = Array(repeating: [], count: levels.count)
        var next: Int64 = 1
        for level in stride(from: levels.count - 1, through: 0, by: -1) {
            numbers[level] = levels[level].indices.map { _ in defer { next += 1 }; return next }
        }

        try db.execute(sql: "DELETE FROM \(indexTable)_node; DELETE FROM \(indexTable)_rowid; DELETE FROM \(indexTable)_parent")
        let insertNode = try RawInsert(db, sql: "INSERT INTO \(indexTable)_node (nodeno, data) VALUES (?, ?)")
        let insertParent = try RawInsert(db, sql: "INSERT INTO \(indexTable)_parent (nodeno, parentnode) VALUES (?, ?)")
        // Leaf cells are in tile order, their row ids all over: collected and written in row id
        // order, each `_rowid` insert appends to the B-tree instead of splitting a page in it.
        var leafOf: [(rowid: Int64, node: Int64)] = []
        leafOf.reserveCapacity(entries.count)
        let depth = levels.count - 1
        for level in levels.indices {
            for (index, node) in levels[level].enumerated() {
                let number = numbers[level][index]
                var cells = node.children
                if level > 0 {
                    // A parent's cells point at node numbers, not at the children's positions.
                    cells = cells.map { child in
                        var cell = child
                        cell.id = numbers[level - 1][Int(child.id)]
                        return cell
                    }
                }
                try insertNode.run(number, encode(cells, depth: number == 1 ? depth : 0, nodeSize: nodeSize))
                if level == 0 {
                    for cell in cells { leafOf.append((cell.id, number)) }
                } else {
                    for cell in cells { try insertParent.run(cell.id, number) }
                }
            }
        }
        leafOf.sort { $0.rowid < $1.rowid }
        let insertRowid = try RawInsert(db, sql: "INSERT INTO \(indexTable)_rowid (rowid, nodeno) VALUES (?, ?)")
        for leaf in leafOf { try insertRowid.run(leaf.rowid, leaf.node) }
        if entries.isEmpty {
            try insertNode.run(1, encode([], depth: 0, nodeSize: nodeSize))
        }
    }

    /// A two-value insert run with SQLite's bind calls: a million `_rowid` rows through GRDB's
    /// boxed `StatementArguments` cost a second of a 1M-row ingest.
    private struct RawInsert {
        let statement: Statement
        let db: Database

        init(_ db: Database, sql: String) throws {
            self.db = db
            statement = try db.makeStatement(sql: sql)
        }

        func run(_ key: Int64, _ value: Int64) throws {
            let handle = statement.sqliteStatement
            sqlite3_bind_int64(handle, 1, key)
            sqlite3_bind_int64(handle, 2, value)
            try statement.runToCompletion(in: db, storePath: "")
        }

        func run(_ key: Int64, _ blob: [UInt8]) throws {
            let handle = statement.sqliteStatement
            sqlite3_bind_int64(handle, 1, key)
            _ = blob.withUnsafeBytes { sqlite3_bind_blob(handle, 2, $0.baseAddress, Int32($0.count), IncidentRow.sqliteTransient) }
            try statement.runToCompletion(in: db, storePath: "")
        }
    }

    /// Sort-tile-recursive grouping: vertical slices by x, each sorted by y, cut into nodes.
    static func pack(_ items: [Entry], capacity: Int) -> [[Entry]] {
        guard !items.isEmpty else { return [] }
        let nodeCount = (items.count + capacity - 1) / capacity
        let slices = Int(Double(nodeCount).squareRoot().rounded(.up))
        let sliceSize = slices * capacity
        let byX = sorted(items[...], by: \.centreX)
        var groups: [[Entry]] = []
        groups.reserveCapacity(nodeCount)
        var start = 0
        while start < byX.count {
            let slice = sorted(byX[start..<min(start + sliceSize, byX.count)], by: \.centreY)
            var offset = slice.startIndex
            while offset < slice.endIndex {
                groups.append(Array(slice[offset..<min(offset + capacity, slice.endIndex)]))
                offset += capacity
            }
            start += sliceSize
        }
        return groups
    }

    /// `items` ordered by `key`, ties kept in their order. Each key becomes its float's bits
    /// mapped to an unsigned integer of the same order, beside the item's position, and the
    /// 64-bit pairs are sorted as plain integers: sorting the structs through a closure was a
    /// third of a 1M-point build.
    static func sorted(_ items: ArraySlice<Entry>, by key: (Entry) -> Float) -> [Entry] {
        var keys = [UInt64]()
        keys.reserveCapacity(items.count)
        for (position, item) in items.enumerated() {
            let bits = key(item).bitPattern
            let ordered = bits & 0x8000_0000 != 0 ? ~bits : bits | 0x8000_0000
            keys.append(UInt64(ordered) << 32 | UInt64(position))
        }
        keys.sort()
        let base = items.startIndex
        return keys.map { items[base + Int($0 & 0xFFFF_FFFF)] }
    }

    static func bounds(_ group: [Entry]) -> Entry {
        var box = group[0]
        for entry in group.dropFirst() {
            box.xmin = min(box.xmin, entry.xmin); box.xmax = max(box.xmax, entry.xmax)
            box.ymin = min(box.ymin, entry.ymin); box.ymax = max(box.ymax, entry.ymax)
        }
        return box
    }

    static func encode(_ cells: [Entry], depth: Int, nodeSize: Int) -> [UInt8] {
        var data = [UInt8](repeating: 0, count: nodeSize)
        data[0] = UInt8(depth >> 8); data[1] = UInt8(depth & 0xFF)
        data[2] = UInt8(cells.count >> 8); data[3] = UInt8(cells.count & 0xFF)
        var offset = 4
        func put(_ value: UInt64, bytes: Int) {
            for shift in stride(from: (bytes - 1) * 8, through: 0, by: -8) {
                data[offset] = UInt8((value >> UInt64(shift)) & 0xFF)
                offset += 1
            }
        }
        for cell in cells {
            put(UInt64(bitPattern: cell.id), bytes: 8)
            for coordinate in [cell.xmin, cell.xmax, cell.ymin, cell.ymax] { put(UInt64(coordinate.bitPattern), bytes: 4) }
        }
        return data
    }

    /// The largest float not above `value` (SQLite's rtreeValueDown).
    static func down(_ value: Double) -> Float {
        let float = Float(value)
        return Double(float) > value ? float.nextDown : float
    }

    /// The smallest float not below `value` (SQLite's rtreeValueUp).
    static func up(_ value: Double) -> Float {
        let float = Float(value)
        return Double(float) < value ? float.nextUp : float
    }
}
