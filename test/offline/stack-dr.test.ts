/** The shipped `dr` stack planned offline under Pulumi's mock runtime (standing in for the engine and Azure). */
import { stackChecks } from "./stack-checks";

stackChecks("dr");
