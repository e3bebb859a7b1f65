import { z } from "zod";
import type { ConfigKeyDescriptor } from "./descriptor";

/**
 * Installing Lync Server 2013 and Persistent Chat in the same `pulumi up` (README, deploy): from the
 * user's media (the secrets lyncMediaUrl and lyncUpdateUrl), with the topology document generated
 * from the plan unless `topologyFile` names the user's own.
 * @example { install: true }
 * @example { install: true, certificateAuthority: "ca01.corp.contoso.com\\Contoso Issuing CA" }
 */
export const lyncSchema = z
  .strictObject({
    /** Install Lync and Persistent Chat on the built machines; false keeps a manual install. @default false @example true */
    install: z.boolean().default(false),
    /**
     * A published-topology document (`<Topology>`, as `Publish-CsTopology -FileName` takes) to publish
     * instead of the generated one, relative to the folder of Pulumi.yaml. @example "topology/lab.xml"
     */
    topologyFile: z.string().min(1).optional(),
    /**
     * An existing domain's enterprise CA the Lync servers request certificates from, as
     * `Request-CsCertificate -CA` takes it (`<CA server FQDN>\<CA name>`); a new forest gets its own.
     * @example "ca01.corp.contoso.com\\Contoso Issuing CA"
     */
    /**
     * SIP domains Lync serves besides the AD domain: a lab whose forest is not production's still hosts
     * production's users under their own SIP addresses, so the seeded users and the rooms' members resolve.
     * @default []
     * @example ["contoso.com"]
     */
    sipDomains: z.array(z.string().regex(/^(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$/, "must be a DNS domain such as contoso.com")).default([]),
    certificateAuthority: z
      .string()
      .regex(/^[A-Za-z0-9]([A-Za-z0-9.-]{0,252}[A-Za-z0-9])?\\[^\\]{1,64}$/, "must be <CA server FQDN>\\<CA name>, as Request-CsCertificate -CA takes it")
      .optional(),
  })
  .prefault({});

export const LYNC_KEYS: ConfigKeyDescriptor[] = [
  {
    name: "lync",
    type: "object",
    description: "Lync Server 2013 install by pulumi up: install (true installs Lync and Persistent Chat from the secrets lyncMediaUrl and lyncUpdateUrl), topologyFile (your own published-topology document instead of the generated one), certificateAuthority (an existing domain's CA), sipDomains (SIP domains besides the AD domain, e.g. production's in a lab).",
    default: undefined,
    secret: false,
    example: "{ install: true }",
    schema: lyncSchema,
  },
];
