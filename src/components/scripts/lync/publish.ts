/**
 * Step 6 of the Lync install (issue 11): the topology document generated from the plan
 * (src/topology/lync-topology.ts) published to the Central Management store, enabled, and the
 * databases it places on each SQL Server created by Lync itself, so `mgc`/`mgccomp` come from the
 * topology (lync-install.md §2, PS:Install-CsDatabase). Runs once, on the first front end, as the
 * domain admin (it writes to the CMS and to AD).
 */
import { psString, renderProvisioningScript, type ProvisioningTarget, type RenderedScript } from "../../../../migration-jobs/powershell/frame";
import { assertFqdn, IMPORT_LYNC } from "./deploy-common";

export const PUBLISH_STEP = "lync-topology";

export interface PublishTopologyArgs {
  /** The published-topology document (`<Topology xmlns="urn:schema:Microsoft.Rtc.Management.Deploy.Topology.2008">`). */
  topologyXml: string;
  /** Every SQL Server the document places a store on. */
  sqlServerFqdns: string[];
}

/**
 * The document as comparable text: the root's Signature (a GUID Lync may renew on each publication),
 * namespace declarations, attribute order and whitespace between elements left out, so the document
 * read back with Get-CsTopology -AsXml compares equal to the one published. INFERRED: that the read-back
 * differs from the published text in nothing else; if it does, the step publishes again on every run,
 * which republishes the same document (PS:Publish-CsTopology: republishing a topology is supported).
 */
const CANONICAL_FUNCTIONS = `function Add-CanonicalNode {
  param([System.Xml.XmlNode]$Node, [System.Text.StringBuilder]$Builder)
  [void]$Builder.Append('<').Append($Node.NamespaceURI).Append('|').Append($Node.LocalName)
  $attributes = @($Node.Attributes | Where-Object { $_.Prefix -ne 'xmlns' -and $_.Name -ne 'xmlns' } | Sort-Object -Property NamespaceURI, LocalName)
  foreach ($a in $attributes) { [void]$Builder.Append(' ').Append($a.NamespaceURI).Append('|').Append($a.LocalName).Append('=').Append($a.Value.Length).Append(':').Append($a.Value) }
  [void]$Builder.Append('>')
  foreach ($child in $Node.ChildNodes) {
    if ($child.NodeType -eq [System.Xml.XmlNodeType]::Element) { Add-CanonicalNode -Node $child -Builder $Builder }
    elseif ($child.NodeType -eq [System.Xml.XmlNodeType]::Text -or $child.NodeType -eq [System.Xml.XmlNodeType]::CDATA) { [void]$Builder.Append($child.Value.Trim()) }
  }
  [void]$Builder.Append('</>')
}

function Get-CanonicalTopology {
  param([string]$Text)
  $doc = New-Object System.Xml.XmlDocument
  $doc.PreserveWhitespace = $false
  $doc.LoadXml($Text)
  $doc.DocumentElement.RemoveAttribute('Signature')
  $builder = New-Object System.Text.StringBuilder
  Add-CanonicalNode -Node $doc.DocumentElement -Builder $builder
  return $builder.ToString()
}`;

/**
 * Publishes only when the store holds another document; Enable-CsTopology and Install-CsDatabase
 * -ConfiguredDatabases then run every time, because neither has a read-back and both change nothing
 * once done (PS:Install-CsDatabase: without -Clean it "will not overwrite any existing databases"),
 * so a run that failed between publishing and the last database completes on the rerun.
 */
export function renderPublishTopologyScript(target: ProvisioningTarget, args: PublishTopologyArgs): RenderedScript {
  if (!/<Topology\b[^>]*xmlns="urn:schema:Microsoft\.Rtc\.Management\.Deploy\.Topology\.2008"/.test(args.topologyXml)) {
    throw new Error("renderPublishTopologyScript: not a published Lync Server 2013 topology document (lync-install.md §2: Topology Builder's .tbxml cannot be published)");
  }
  if (args.sqlServerFqdns.length === 0) throw new Error("renderPublishTopologyScript: no SQL Server to install the databases on");
  for (const s of args.sqlServerFqdns) assertFqdn("renderPublishTopologyScript", "SQL Server", s);
  const servers = [...new Set(args.sqlServerFqdns.map((s) => s.toLowerCase()))];
  // The document is plain (no secret) but long and full of quotes: base64 of its UTF-8 keeps the script's text safe.
  const encoded = Buffer.from(args.topologyXml, "utf8").toString("base64");
  return renderProvisioningScript(target, PUBLISH_STEP, {
    params: {},
    functions: CANONICAL_FUNCTIONS,
    body: `${IMPORT_LYNC}
$topologyText = [System.Text.Encoding]::UTF8.GetString([System.Convert]::FromBase64String(${psString(encoded)}))
$wanted = Get-CanonicalTopology -Text $topologyText
$current = Get-CsTopology -AsXml
$same = $false
if ($null -ne $current) { $same = ((Get-CanonicalTopology -Text $current.ToString()) -eq $wanted) }
if ($same) {
  $status = 'skipped'
} else {
  $file = Join-Path $env:TEMP 'pchat-kit-topology.xml'
  [System.IO.File]::WriteAllText($file, $topologyText, (New-Object System.Text.UTF8Encoding($false)))
  Publish-CsTopology -FileName $file -Force
}
Enable-CsTopology
$sqlServers = @(${servers.map(psString).join(", ")})
foreach ($sql in $sqlServers) { Install-CsDatabase -ConfiguredDatabases -SqlServerFqdn $sql }
$data['published'] = (-not $same)
$data['sqlServers'] = ($sqlServers -join ',')`,
  });
}
