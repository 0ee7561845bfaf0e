import Foundation
import LotlineApp
import LotlineCore

/// A trace tree drawn as SVG: one column per step from the start, each lot a box linking to its page, each link a
/// curve labelled with its certainty (drawn dashed unless exact, so it reads without colour). Lots are placed as a tidy
/// tree (leaves one under another, a parent level with the middle of its children), so no two links cross. Past
/// `nodeLimit` boxes the rest is left out and the drawing says how many.
struct TraceGraph {
    let root: TraceNode
    let direction: TraceDirection
    var nodeLimit = 400

    static let (boxWidth, boxHeight, columnGap, rowGap, margin) = (190.0, 44.0, 70.0, 14.0, 10.0)

    private struct Placed {
        var node: TraceNode
        var depth: Int
        var y: Double
        var parent: Int?
    }

    func svg() -> String {
        var placed: [Placed] = []
        var nextLeaf = 0.0
        var omitted = 0
        place(root, depth: 0, parent: nil, into: &placed, nextLeaf: &nextLeaf, omitted: &omitted)
        let columns = (placed.map(\.depth).max() ?? 0) + 1
        let width = Self.margin * 2 + Double(columns) * Self.boxWidth + Double(columns - 1) * Self.columnGap
        let height = Self.margin * 2 + max(nextLeaf, 1) * (Self.boxHeight + Self.rowGap) + (omitted > 0 ? 24 : 0)
        var parts = [
            "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"trace-graph\" role=\"img\" width=\"\(Int(width))\" height=\"\(Int(height))\""
                + " viewBox=\"0 0 \(Int(width)) \(Int(height))\" aria-label=\"Genealogy graph, \(direction.rawValue) from \(escape(root.lot.rawValue))\">"
        ]
        for item in placed {
            guard let parent = item.parent, let link = item.node.link else { continue }
            parts.append(edge(from: placed[parent], to: item, certainty: link.certainty))
        }
        parts += placed.map(box)
        if omitted > 0 {
            parts.append(
                "<text x=\"\(Self.margin)\" y=\"\(Int(height - 8))\" font-size=\"13\" fill=\"#7a2e00\">\(omitted) more lots not drawn: see the table</text>"
            )
        }
        parts.append("</svg>")
        return parts.joined(separator: "\n")
    }

    /// Depth first; a leaf takes the next row, a parent the middle of its children.
    private func place(_ node: TraceNode, depth: Int, parent: Int?, into placed: inout [Placed], nextLeaf: inout Double, omitted: inout Int) {
        guard placed.count < nodeLimit else {
            omitted += node.flattened().count
            return
        }
        let index = placed.count
        placed.append(Placed(node: node, depth: depth, y: 0, parent: parent))
        let first = placed.count
        for child in node.children { place(child, depth: depth + 1, parent: index, into: &placed, nextLeaf: &nextLeaf, omitted: &omitted) }
        let children = placed[first...].filter { $0.parent == index }
        if children.isEmpty {
            placed[index].y = nextLeaf
            nextLeaf += 1
        } else {
            placed[index].y = (children.first!.y + children.last!.y) / 2
        }
    }

    private func origin(_ item: Placed) -> (x: Double, y: Double) {
        (Self.margin + Double(item.depth) * (Self.boxWidth + Self.columnGap), Self.margin + item.y * (Self.boxHeight + Self.rowGap))
    }

    private func box(_ item: Placed) -> String {
        let (x, y) = origin(item)
        let node = item.node
        let (fill, stroke) = node.status.isInStock ? (node.status == .released ? "#eef7ee" : "#fff4e5", "#3a5a3a") : ("#f2f2f2", "#666666")
        let status = node.status.words
        return """
            <a href="\(escape(PageLinks.lot(node.lot.rawValue)))"><rect x="\(x)" y="\(y)" width="\(Self.boxWidth)" height="\(Self.boxHeight)" rx="4" fill="\(fill)" stroke="\(stroke)"\(node.status == .onHold || node.status == .rejected ? " stroke-width=\"3\"" : "")/>\
            <text x="\(x + 8)" y="\(y + 18)" font-size="13" font-weight="bold" fill="#111111">\(escape(node.lot.rawValue))</text>\
            <text x="\(x + 8)" y="\(y + 35)" font-size="11" fill="#333333">\(escape(node.item.rawValue)) · \(escape(status))\(node.repeated ? " · above" : "")</text></a>
            """
    }

    private func edge(from parent: Placed, to child: Placed, certainty: Certainty) -> String {
        let (px, py) = origin(parent)
        let (cx, cy) = origin(child)
        let (x1, y1, x2, y2) = (px + Self.boxWidth, py + Self.boxHeight / 2, cx, cy + Self.boxHeight / 2)
        let middle = (x1 + x2) / 2
        let (color, dash) =
            switch certainty {
            case .exact: ("#222222", "")
            case .window: ("#1f5fa8", " stroke-dasharray=\"8 3\"")
            case .possible: ("#a85a00", " stroke-dasharray=\"4 3\"")
            case .order: ("#777777", " stroke-dasharray=\"2 3\"")
            }
        return """
            <path d="M\(x1),\(y1) C\(middle),\(y1) \(middle),\(y2) \(x2),\(y2)" fill="none" stroke="\(color)" stroke-width="1.5"\(dash)/>\
            <text x="\(x2 - 6)" y="\(y2 - 4)" font-size="10" text-anchor="end" fill="\(color)">\(certainty.rawValue)</text>
            """
    }

    private func escape(_ text: String) -> String { markupEscaped(text) }
}
