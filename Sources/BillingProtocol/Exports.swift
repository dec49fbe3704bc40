/// The wire layer speaks the domain's plain values: whoever imports `BillingProtocol` has them.
@_exported import BillingModel
