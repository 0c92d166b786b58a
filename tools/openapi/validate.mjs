// Validates an OpenAPI document against the OpenAPI schema (swagger-parser), then checks what the schema
// alone does not: every response has a non-empty description. Usage: node validate.mjs openapi.json
import SwaggerParser from "@apidevtools/swagger-parser";
import { readFileSync } from "node:fs";

const path = process.argv[2];
const doc = JSON.parse(readFileSync(path, "utf8"));
try {
  await SwaggerParser.validate(structuredClone(doc));
} catch (e) {
  console.error(`openapi: INVALID: ${e.message}`);
  process.exit(1);
}
let operations = 0;
const problems = [];
for (const [route, item] of Object.entries(doc.paths ?? {})) {
  for (const [method, operation] of Object.entries(item)) {
    if (typeof operation !== "object" || !operation.responses) continue;
    operations += 1;
    for (const [status, response] of Object.entries(operation.responses)) {
      if (!response.$ref && !(response.description ?? "").trim()) {
        problems.push(`${method.toUpperCase()} ${route} ${status}: no description`);
      }
    }
  }
}
if (problems.length) {
  console.error(`openapi: ${problems.length} problem(s):\n${problems.join("\n")}`);
  process.exit(1);
}
console.log(`openapi: valid, ${Object.keys(doc.paths).length} paths, ${operations} operations, every response described`);
