/**
 * The file stores of the plan: an SMB share on the file-server VM (the faithful Lync file store),
 * or an Azure Files share. Multiple-server pools reach the store by UNC (domain §6.2 step 8), and
 * it must exist before the topology is published.
 */
import * as pulumi from "@pulumi/pulumi";
import * as storage from "@pulumi/azure-native/storage";
import type { FileSharePlan } from "../topology/plan";
import type { WindowsServer } from "./windows-server";
import { renderShareScript } from "./scripts/share";

export interface FileStoreArgs {
  /** The share. @example plan.shares[0] */
  share: FileSharePlan;
  /** NetBIOS name of the domain, for the share's permissions. @example "CONTOSO" */
  netbiosName: string;
  /** Windows share: the file server hosting it. @default undefined (Azure Files) @example servers["fs-1"] */
  server?: WindowsServer;
  /** Azure Files: resource group of the storage account. @default undefined (Windows share) @example rg.name */
  resourceGroupName?: pulumi.Input<string>;
  /** Azure Files: region of the storage account. @default undefined (Windows share) @example "westeurope" */
  location?: string;
  /** Azure tags. @default {} */
  tags?: Record<string, string>;
}

export class FileStore extends pulumi.ComponentResource {
  readonly uncPath: string;

  constructor(name: string, args: FileStoreArgs, opts?: pulumi.ComponentResourceOptions) {
    super("pchat-kit:storage:FileStore", name, {}, opts);
    const { share } = args;
    this.uncPath = share.uncPath;
    if (share.kind === "windows-share") {
      if (!args.server) throw new Error(`share ${share.key}: Windows share without its file server`);
      args.server.addStep(renderShareScript(args.server.stepTarget, share, args.netbiosName), { timeoutSeconds: 600 });
    } else {
      if (!share.storageAccountName || args.resourceGroupName === undefined || !args.location) throw new Error(`share ${share.key}: Azure Files needs a storage account name, resource group and region`);
      const account = new storage.StorageAccount(
        `${share.key}-account`,
        {
          resourceGroupName: args.resourceGroupName,
          location: args.location,
          accountName: share.storageAccountName,
          kind: "StorageV2",
          sku: { name: "Standard_LRS" },
          minimumTlsVersion: "TLS1_2",
          enableHttpsTrafficOnly: true,
          allowBlobPublicAccess: false,
          // AD DS identity-based auth is completed by joining the account to the domain
          // (AzFilesHybrid Join-AzStorageAccount), which needs the domain's GUID and SID.
          azureFilesIdentityBasedAuthentication: { directoryServiceOptions: "None" },
          tags: args.tags ?? {},
        },
        { parent: this },
      );
      new storage.FileShare(
        `${share.key}-share`,
        {
          resourceGroupName: args.resourceGroupName,
          accountName: account.name,
          shareName: share.shareName,
          shareQuota: share.quotaGb,
          enabledProtocols: "SMB",
        },
        { parent: this },
      );
    }
    this.registerOutputs({ uncPath: share.uncPath });
  }
}
