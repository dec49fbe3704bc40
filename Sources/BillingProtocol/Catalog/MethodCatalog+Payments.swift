extension MethodCatalog {
    static let payments: [MethodDescriptor] = [
        PaymentsRecord.descriptor, PaymentsUpdateStatus.descriptor, PaymentsGet.descriptor, PaymentsList.descriptor,
    ]
}

extension ParamType {
    /// A `PaymentStatus`.
    static let paymentStatus = ParamType.oneOf(PaymentStatus.allCases.map(\.rawValue))
}
