// Copyright 2026 FlowSocket contributors
// SPDX-License-Identifier: Apache-2.0

// Copies the console's d3 modules, and the modules they import, from
// node_modules (installed by `npm ci` from package-lock.json) into the web
// bundle's console/vendor/: each package's own ES module build as
// <package>.js, with its licence as <package>.LICENSE. Imports of another
// package ('d3-array') become './d3-array.js', so browsers load them without
// an import map, which the console's Content-Security-Policy
// (script-src 'self') would block as an inline script.
//
// Usage: node scripts/vendor.mjs <directory of package.json> <vendor directory>

import {copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';

const [project, out] = process.argv.slice(2);
if (!project || !out) {
    console.error('usage: node scripts/vendor.mjs <directory of package.json> <vendor directory>');
    process.exit(2);
}
const modules = join(project, 'node_modules');
const meta = (name) => JSON.parse(readFileSync(join(modules, name, 'package.json'), 'utf8'));

// The direct dependencies and everything they depend on.
const packages = new Set();
const pending = Object.keys(JSON.parse(readFileSync(join(project, 'package.json'), 'utf8')).dependencies);
while (pending.length) {
    const name = pending.pop();
    if (!packages.has(name)) {
        packages.add(name);
        pending.push(...Object.keys(meta(name).dependencies || {}));
    }
}

// A package's ES module entry, as its package.json "exports" names it for import.
function entryOf(name) {
    const m = meta(name);
    const exp = m.exports && (m.exports['.'] || m.exports);
    const entry = (exp && (exp.import || exp.default)) || m.module;
    if (typeof entry !== 'string') {
        throw new Error(`${name} names no ES module entry`);
    }
    return join(modules, name, entry);
}

const IMPORT = /(\bfrom\s*|\bimport\s*)(["'])([^"']+)\2/g;
rmSync(out, {recursive: true, force: true});
mkdirSync(out, {recursive: true});
for (const name of [...packages].sort()) {
    const code = readFileSync(entryOf(name), 'utf8').replace(IMPORT, (all, head, quote, spec) => {
        if (!packages.has(spec)) {
            // A relative import would need the package's other files: refuse rather than serve a broken module.
            throw new Error(`${name} imports '${spec}', which is neither a dependency nor bundled`);
        }
        return `${head}${quote}./${spec}.js${quote}`;
    });
    writeFileSync(join(out, `${name}.js`), `// ${name} ${meta(name).version}, from npm\n${code}`);
    copyFileSync(join(modules, name, 'LICENSE'), join(out, `${name}.LICENSE`));
}
console.log(`console/vendor: ${[...packages].sort().map((n) => `${n} ${meta(n).version}`).join(', ')}`);
