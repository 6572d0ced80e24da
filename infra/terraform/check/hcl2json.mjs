// Prints {"file": <parsed HCL as Terraform's JSON syntax>, ...} for every .tf file named on the command line.
// @cdktf/hcl2json runs HashiCorp's HCL parser itself, so a file that parses here parses in Terraform.
import { parse } from "@cdktf/hcl2json";
import { readFile } from "node:fs/promises";

const parsed = {};
for (const file of process.argv.slice(2)) {
  try {
    parsed[file] = await parse(file, await readFile(file, "utf8"));
  } catch (e) {
    console.error(`${file}: ${e.message ?? e}`);
    process.exit(1);
  }
}
process.stdout.write(JSON.stringify(parsed));
