extension Result where Failure == any Error {
    /// The failure, if any.
    var error: (any Error)? {
        if case .failure(let error) = self { return error }
        return nil
    }
}
