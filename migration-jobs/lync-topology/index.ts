/** The published Lync Server 2013 topology document, generated from the engine's own input (issue 11, item 6). */
export * from "./input";
export { checkTopologyDocument, parseXmlElements, type ParsedService, type ParsedTopology, type TopologyCheck, type XmlElement } from "./check";
export { buildTopologyModel, checkTopologyInput, renderTopology, serializeTopology, serviceKey } from "./render";
export { TOPOLOGY_BUILDER_NS, TOPOLOGY_NS } from "./model";
