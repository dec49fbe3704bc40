import ArgumentParser

/// `serve --log-format`: human-readable lines (swift-log's stream handler) or one JSON object per line.
enum LogFormat: String, CaseIterable, ExpressibleByArgument {
    case text
    case json
}
