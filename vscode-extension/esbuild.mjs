// Bundles the extension into one file, dist/extension.js (`npm run build`;
// `--production` minifies, `--watch` rebuilds on change).
import * as esbuild from "esbuild";

const production = process.argv.includes("--production");
const watch = process.argv.includes("--watch");

const options = {
  // One file. The language client library inside it is evaluated only when
  // the server starts (src/extension.ts requires it lazily).
  entryPoints: ["src/extension.ts"],
  bundle: true,
  outfile: "dist/extension.js",
  format: "cjs",
  platform: "node",
  target: "node18",
  external: ["vscode"],
  minify: production,
  sourcemap: production ? false : "linked",
  sourcesContent: false,
  logLevel: "info",
  legalComments: "eof",
};

if (watch) {
  const context = await esbuild.context(options);
  await context.watch();
} else {
  await esbuild.build(options);
}
