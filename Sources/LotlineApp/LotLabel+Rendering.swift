import Foundation
import GS1
import LotlineCore

extension LotLabel {
    /// The text lines above the symbol.
    var lines: [String] {
        ["\(item)  \(description)"] + (serial ? ["SERIAL \(lot)"] : ["LOT \(lot)", "QTY \(quantity)"]) + (expires.map { ["EXP \($0)"] } ?? [])
    }

    /// Module size, bar height and quiet zone, in the output's units: a GS1-128 X-dimension of 2 units with bars 50
    /// modules tall and 10 light modules each side; 2D modules of 4 units with a quiet zone of 4 (DataMatrix needs 1,
    /// QR 4).
    private var layout: (module: Int, barHeight: Int, quietZone: Int) {
        switch symbol {
        case .linear: (2, 50, 10)
        case .matrix: (4, 0, 4)
        }
    }

    /// The symbol's size in modules, with its quiet zone.
    private var symbolSize: (width: Int, height: Int) {
        let layout = layout
        switch symbol {
        case .linear(let bars): return (bars.modules.count + 2 * layout.quietZone, layout.barHeight)
        case .matrix(let matrix): return (matrix.width + 2 * layout.quietZone, matrix.height + 2 * layout.quietZone)
        }
    }

    private var rectangles: [ModuleRectangle] {
        switch symbol {
        case .linear(let bars): bars.rectangles(height: layout.barHeight)
        case .matrix(let matrix): matrix.rectangles
        }
    }

    /// An SVG document: the text lines, the symbol (one rectangle per run of dark modules), the human-readable data.
    public func svg() -> String {
        let module = layout.module
        let lineHeight = 22
        let margin = 16
        let top = margin + lines.count * lineHeight + 8
        let (symbolWidth, symbolHeight) = (symbolSize.width * module, symbolSize.height * module)
        // Wide enough for the symbol and for every line of text (16 px monospace is under 10 px a character), so
        // nothing is cut off: a clipped lot number would be a wrong one.
        let content = max(symbolWidth, 360, (lines.map(\.count).max() ?? 0) * 10)
        let readableChunks = Self.chunks(humanReadable, width: content / 8)
        let width = content + 2 * margin
        let height = top + symbolHeight + 8 + readableChunks.count * 16 + margin
        var svg = """
            <?xml version="1.0" encoding="UTF-8"?>
            <svg xmlns="http://www.w3.org/2000/svg" width="\(width)" height="\(height)" viewBox="0 0 \(width) \(height)">
            <rect width="\(width)" height="\(height)" fill="#fff"/>
            <g font-family="DejaVu Sans Mono, monospace" font-size="16" fill="#000">

            """
        for (index, line) in lines.enumerated() {
            svg += "<text x=\"\(margin)\" y=\"\(margin + (index + 1) * lineHeight - 6)\">\(Self.escaped(line))</text>\n"
        }
        svg += "</g>\n<g fill=\"#000\" shape-rendering=\"crispEdges\">\n"
        let originX = margin
        let originY = top + (symbol.isMatrix ? layout.quietZone * module : 0)
        for rectangle in rectangles {
            let x = originX + (rectangle.x + layout.quietZone) * module
            svg +=
                "<rect x=\"\(x)\" y=\"\(originY + rectangle.y * module)\" width=\"\(rectangle.width * module)\" height=\"\(rectangle.height * module)\"/>\n"
        }
        svg += "</g>\n<g font-family=\"DejaVu Sans Mono, monospace\" font-size=\"12\" fill=\"#000\">\n"
        for (index, chunk) in readableChunks.enumerated() {
            svg += "<text x=\"\(margin)\" y=\"\(top + symbolHeight + 8 + (index + 1) * 16 - 4)\">\(Self.escaped(chunk))</text>\n"
        }
        return svg + "</g>\n</svg>\n"
    }

    /// A ZPL II label for a 203 dpi printer: the text lines as fields, the symbol as a graphic field (`^GFA`) of our own
    /// modules, so the printer prints exactly the symbol the tests decode, not its own encoding of the data.
    public func zpl() -> String {
        let dots = symbol.isMatrix ? 6 : 3
        let (width, height) = (symbolSize.width * dots, symbolSize.height * dots)
        let bytesPerRow = (width + 7) / 8
        var bitmap = [UInt8](repeating: 0, count: bytesPerRow * height)
        let quietZone = layout.quietZone
        for rectangle in rectangles {
            let top = (rectangle.y + (symbol.isMatrix ? quietZone : 0)) * dots
            for y in top..<(top + rectangle.height * dots) {
                for x in ((rectangle.x + quietZone) * dots)..<((rectangle.x + quietZone + rectangle.width) * dots) {
                    bitmap[y * bytesPerRow + x / 8] |= 0x80 >> UInt8(x % 8)
                }
            }
        }
        let hex = bitmap.map { String(format: "%02X", $0) }.joined()
        // Font 0 at 32 dots is under 20 dots a character; the label is as wide as its longest line or its symbol.
        let content = max(width, 540, (lines.map(\.count).max() ?? 0) * 20)
        let readable = Self.chunks(humanReadable, width: content / 13)
        var zpl = "^XA\n^CI28\n^PW\(content + 60)\n"
        for (index, line) in lines.enumerated() {
            zpl += "^FO30,\(30 + index * 40)^A0N,32,32\(Self.zplField(line))^FS\n"
        }
        let symbolTop = 30 + lines.count * 40 + 10
        zpl += "^FO30,\(symbolTop)^GFA,\(bitmap.count),\(bitmap.count),\(bytesPerRow),\(hex)^FS\n"
        for (index, line) in readable.enumerated() {
            zpl += "^FO30,\(symbolTop + height + 10 + index * 28)^A0N,22,22\(Self.zplField(line))^FS\n"
        }
        return zpl + "^XZ\n"
    }

    private static func escaped(_ text: String) -> String { markupEscaped(text) }

    /// A field's data command: `^` and `~` start ZPL commands, so a field holding them writes them as hex escapes (`^FH`).
    private static func zplField(_ text: String) -> String {
        let special: [Character: String] = ["^": "_5E", "~": "_7E", "_": "_5F"]
        guard text.contains(where: { special[$0] != nil }) else { return "^FD" + text }
        return "^FH_^FD" + text.map { special[$0] ?? String($0) }.joined()
    }

    /// Long data broken into lines of at most `width` characters, before an AI's `(` or after a URI's `/`, `?` or `&`
    /// where it can be (a part longer than a line is cut).
    static func chunks(_ text: String, width: Int) -> [String] {
        var parts: [String] = []
        for character in text {
            if character == "(" || parts.isEmpty { parts.append("") }
            parts[parts.count - 1].append(character)
            if "/?&".contains(character) { parts.append("") }
        }
        var lines: [String] = []
        for part in parts where !part.isEmpty {
            if let last = lines.last, last.count + part.count <= width {
                lines[lines.count - 1] += part
            } else {
                lines += stride(from: 0, to: part.count, by: width).map { String(part.dropFirst($0).prefix(width)) }
            }
        }
        return lines
    }
}

extension LotLabel.Symbol {
    var isMatrix: Bool {
        if case .matrix = self { return true }
        return false
    }
}
