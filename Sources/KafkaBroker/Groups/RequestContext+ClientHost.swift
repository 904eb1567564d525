import KafkaProtocol

extension RequestContext {
    /// The client's host as Kafka reports it in DescribeGroups and group metadata: `/` and the address.
    var clientHost: String {
        guard let colon = clientAddress.lastIndex(of: ":") else { return "/\(clientAddress)" }
        return "/\(clientAddress[..<colon])"
    }
}
