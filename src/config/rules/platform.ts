/** Rules of the Windows platform: OS images, file systems, names, file store (domain §5, §6.2, §6.4). */
import { findOsImage, OS_IMAGES, OS_NOT_IN_MARKETPLACE } from "../images";
import { longestComputerName, MAX_COMPUTER_NAME } from "../naming";
import { problem, type Rule } from "./problem";

// domain §6.4: Lync 2013 supports Windows Server 2008 R2 SP1, 2012 and 2012 R2.
export const checkOsImage: Rule = ({ image, allowUnsupportedImagesForLab }) => {
  if (OS_NOT_IN_MARKETPLACE.some((k) => k.toLowerCase() === image.toLowerCase()))
    return [problem("image", `Windows Server 2008 R2 SP1 is supported by Lync 2013 but is not in the Azure marketplace`, 'Set image: "2012-R2-Datacenter" (or "2012-Datacenter").')];
  const found = findOsImage(image);
  if (!found) return [problem("image", `"${image}" is not in the image allow-list`, `Use one of: ${OS_IMAGES.map((i) => i.key).join(", ")}.`)];
  if (!found.supportedForLync && !allowUnsupportedImagesForLab)
    return [problem("image", `${found.label} is not supported by Lync Server 2013 (2008 R2 SP1, 2012, 2012 R2 only)`, 'Set image: "2012-R2-Datacenter", or in a lab only set allowUnsupportedImagesForLab: true.')];
  return [];
};

// domain §6.4: NTFS is mandatory; FAT32, ReFS or anything else is refused by name.
export const checkVolumesNtfs: Rule = ({ volumes }) =>
  Object.entries(volumes)
    .filter(([, v]) => v.fileSystem.toUpperCase() !== "NTFS")
    .map(([name, v]) => problem(`volumes.${name}.fileSystem`, `${v.fileSystem} is not supported: Lync and Persistent Chat volumes must be NTFS`, `Set volumes.${name}.fileSystem: "NTFS" (or remove it; NTFS is the default).`));

// engineering notes: computer names are NetBIOS names, at most 15 characters.
export const checkComputerNames: Rule = ({ prefix }) => {
  const longest = longestComputerName(prefix);
  return longest.length > MAX_COMPUTER_NAME
    ? [problem("prefix", `computer names such as ${longest} would be ${longest.length} characters; Windows allows ${MAX_COMPUTER_NAME}`, `Shorten prefix to at most ${prefix.length - (longest.length - MAX_COMPUTER_NAME)} characters.`)]
    : [];
};

// domain §6.2: multiple-computer pools need a UNC file store.
export const checkUncFileStore: Rule = ({ fileStore }) =>
  fileStore.kind === "local-path"
    ? [problem("fileStore.kind", "a multiple-computer pool needs a UNC file store; a local path only serves a single-server pool", 'Set fileStore.kind: "windows-share" (a file-server VM) or "azure-files".')]
    : [];

// engineering notes: Azure Files serves Windows servers as an SMB file store only with AD DS identity auth.
export const checkAzureFilesAuth: Rule = ({ fileStore }) =>
  fileStore.kind === "azure-files" && !fileStore.adAuthentication
    ? [problem("fileStore.adAuthentication", "Azure Files without AD DS authentication would need the storage key on every server", 'Set fileStore.adAuthentication: true, or fileStore.kind: "windows-share".')]
    : [];

const RESERVED_ADMIN_NAMES = ["administrator", "admin", "user", "user1", "test", "guest", "root", "sa", "owner", "support"];
// Azure refuses these administrator names at deployment time; catch it before anything is declared.
export const checkAdminUsername: Rule = ({ adminUsername }) =>
  RESERVED_ADMIN_NAMES.includes(adminUsername.toLowerCase()) || /[\\/"[\]:|<>+=;,?*@ ]/.test(adminUsername) || adminUsername.endsWith(".")
    ? [problem("adminUsername", `"${adminUsername}" is reserved or has characters Azure refuses`, 'Choose another name, e.g. "pckadmin".')]
    : [];

export const PLATFORM_RULES: Rule[] = [checkOsImage, checkVolumesNtfs, checkComputerNames, checkUncFileStore, checkAzureFilesAuth, checkAdminUsername];
