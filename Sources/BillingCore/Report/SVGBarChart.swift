/// A grouped bar chart as inline SVG: one group per period, one bar per series, a y axis with
/// round ticks and a unit, x labels, a legend. Values are whole minor units (cents, credits);
/// bar heights are scaled with integer arithmetic, so no floating point ever touches them.
struct SVGBarChart {
    struct Series {
        let name: String
        let color: String
        let values: [Int64]
    }

    let title: String
    /// The unit shown on the y axis, e.g. "USD" or "credits".
    let unit: String
    let labels: [String]
    let series: [Series]
    /// Formats a tick value (minor units) for the axis.
    let format: (Int64) -> String

    static let width = 880, height = 300, left = 86, right = 16, top = 34, bottom = 58

    /// The axis top and step: the step is 1, 2 or 5 times a power of ten, at most 5 steps.
    static func scale(max value: Int64) -> (top: Int64, step: Int64) {
        guard value > 0 else { return (1, 1) }
        var magnitude: Int64 = 1
        while magnitude <= value / 10 { magnitude *= 10 }
        let minimum = (value + 4) / 5
        var step = magnitude
        for factor: Int64 in [1, 2, 5, 10] where magnitude.multipliedReportingOverflow(by: factor).overflow == false {
            step = magnitude * factor
            if step >= minimum { break }
        }
        let (steps, rest) = value.quotientAndRemainder(dividingBy: step)
        return ((steps + (rest > 0 ? 1 : 0)) * step, step)
    }

    /// `value` of `top` as a height in pixels (exact integer scaling, 0…`pixels`).
    static func pixels(_ value: Int64, of top: Int64, in pixels: Int) -> Int {
        let clamped = Swift.max(0, Swift.min(value, top))
        let product = clamped.multipliedFullWidth(by: Int64(pixels))
        return Int(top.dividingFullWidth(product).quotient)
    }

    var svg: String {
        let w = Self.width, h = Self.height
        let plotW = w - Self.left - Self.right, plotH = h - Self.top - Self.bottom
        let maximum = series.flatMap(\.values).max() ?? 0
        let (axisTop, step) = Self.scale(max: maximum)
        var out = "<svg viewBox=\"0 0 \(w) \(h)\" width=\"100%\" role=\"img\" aria-label=\"\(HTML.escape(title))\">"
        out += "<title>\(HTML.escape(title))</title>"
        // Y axis: gridlines, tick labels, unit.
        var tick: Int64 = 0
        while tick <= axisTop {
            let y = Self.top + plotH - Self.pixels(tick, of: axisTop, in: plotH)
            out += "<line x1=\"\(Self.left)\" y1=\"\(y)\" x2=\"\(w - Self.right)\" y2=\"\(y)\" class=\"grid\"/>"
            out += "<text x=\"\(Self.left - 8)\" y=\"\(y + 4)\" text-anchor=\"end\" class=\"tick\">\(HTML.escape(format(tick)))</text>"
            let (next, overflow) = tick.addingReportingOverflow(step)
            if overflow { break }
            tick = next
        }
        out += "<text x=\"14\" y=\"\(Self.top + plotH / 2)\" transform=\"rotate(-90 14 \(Self.top + plotH / 2))\" text-anchor=\"middle\" class=\"unit\">\(HTML.escape(unit))</text>"
        out += "<line x1=\"\(Self.left)\" y1=\"\(Self.top + plotH)\" x2=\"\(w - Self.right)\" y2=\"\(Self.top + plotH)\" class=\"axis\"/>"
        out += "<line x1=\"\(Self.left)\" y1=\"\(Self.top)\" x2=\"\(Self.left)\" y2=\"\(Self.top + plotH)\" class=\"axis\"/>"
        // Bars.
        let groups = Swift.max(labels.count, 1)
        let groupW = plotW / groups
        let barW = Swift.max(1, groupW * 4 / 5 / Swift.max(series.count, 1))
        let labelEvery = Swift.max(1, (labels.count + 11) / 12)
        for (index, label) in labels.enumerated() {
            let x0 = Self.left + index * groupW + (groupW - barW * series.count) / 2
            for (n, s) in series.enumerated() {
                let value = index < s.values.count ? s.values[index] : 0
                let barH = Self.pixels(value, of: axisTop, in: plotH)
                out += "<rect x=\"\(x0 + n * barW)\" y=\"\(Self.top + plotH - barH)\" width=\"\(barW)\" height=\"\(barH)\" fill=\"\(s.color)\">"
                out += "<title>\(HTML.escape("\(label) · \(s.name): \(format(value))"))</title></rect>"
            }
            if index % labelEvery == 0 {
                out += "<text x=\"\(Self.left + index * groupW + groupW / 2)\" y=\"\(Self.top + plotH + 18)\" text-anchor=\"middle\" class=\"tick\">\(HTML.escape(label))</text>"
            }
        }
        out += "<text x=\"\(Self.left + plotW / 2)\" y=\"\(h - 8)\" text-anchor=\"middle\" class=\"unit\">period (UTC)</text>"
        // Legend.
        var x = Self.left
        for s in series {
            out += "<rect x=\"\(x)\" y=\"10\" width=\"12\" height=\"12\" fill=\"\(s.color)\"/>"
            out += "<text x=\"\(x + 17)\" y=\"20\" class=\"legend\">\(HTML.escape(s.name))</text>"
            x += 30 + s.name.count * 8
        }
        return out + "</svg>"
    }
}
