import ArgumentParser
import Foundation
import CrystalExport
import CrystalStore

/// Prints query rows as an aligned table, RFC 4180 CSV, a JSON array or JSON lines, streaming
/// (the table is aligned per block of 1,000 rows so that a long listing never sits in memory).
final class RowFormatter {
    enum Format: String, ExpressibleByArgument, CaseIterable { case table, csv, json, jsonl }

    let format: Format
    let fields: [QueryField]
    let output: Output
    private var first = true
    private var pending = [[String]]()

    init(format: Format, fields: [QueryField], output: Output) {
        self.format = format
        self.fields = fields
        self.output = output
    }

    func begin() throws {
        switch format {
        case .csv: try output.line(fields.map { Self.csv($0.name) }.joined(separator: ","))
        case .json: try output.write("[")
        case .table, .jsonl: break
        }
    }

    func row(_ values: [StoreValue]) throws {
        switch format {
        case .csv:
            try output.line(zip(fields, values).map { Self.csv(Self.text($0, $1)) }.joined(separator: ","))
        case .json:
            try output.write((first ? "\n" : ",\n") + Self.jsonObject(fields, values))
        case .jsonl:
            try output.line(Self.jsonObject(fields, values))
        case .table:
            pending.append(zip(fields, values).map { Self.tableText($0, $1) })
            if pending.count >= 1000 { try flushTable() }
        }
        first = false
    }

    func end() throws {
        switch format {
        case .json: try output.line(first ? "]" : "\n]")
        case .table: try flushTable(force: true)
        case .csv, .jsonl: break
        }
        try output.flush()
    }

    private var printedHeader = false

    private func flushTable(force: Bool = false) throws {
        guard !pending.isEmpty || (force && !printedHeader) else { return }
        var widths = fields.map { $0.name.count }
        for row in pending { for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.count) } }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { i, cell in
                let pad = String(repeating: " ", count: widths[i] - cell.count)
                return fields[i].kind == .real || fields[i].kind == .integer ? pad + cell : cell + pad
            }.joined(separator: "  ")
        }
        if !printedHeader {
            try output.line(line(fields.map(\.name)))
            try output.line(widths.map { String(repeating: "-", count: $0) }.joined(separator: "  "))
            printedHeader = true
        }
        for row in pending { try output.line(line(row)) }
        pending.removeAll(keepingCapacity: true)
    }

    /// Table cells round reals to 6 decimals for reading; CSV and JSON keep every digit.
    static func tableText(_ field: QueryField, _ value: StoreValue) -> String {
        guard case .real(let v) = value, v.isFinite else { return text(field, value) }
        var out = String(format: "%.6f", v)
        while out.hasSuffix("0") { out.removeLast() }
        if out.hasSuffix(".") { out.removeLast() }
        return out == "-0" ? "0" : out
    }

    static func text(_ field: QueryField, _ value: StoreValue) -> String { ValueText.text(field, value) }
    static func jsonObject(_ fields: [QueryField], _ values: [StoreValue]) -> String { ValueText.jsonObject(fields, values) }
    static func csv(_ text: String) -> String { ValueText.csv(text) }
}
