#!/usr/bin/env bash
# Pack nowan and use its library API and its bin from a scratch project, as a manufacturer would.
set -euo pipefail
cd "$(dirname "$0")/.."
tgz=$(npm pack --silent | tail -1)
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
cp "$tgz" "$dir/"
cd "$dir"
npm init -y >/dev/null
npm pkg set type=module >/dev/null
npm i --silent "./$tgz" >/dev/null
cat > try.mjs <<'JS'
import { createMeter, issueToken, inspectToken, runConformance } from 'nowan';
const keys = { originatorId: '90B3D51F30010000', deviceId: '00DB1234567890A0', sharedSecret: '5c00001ae96494fedfd740c4679d346e913d89b978beeff76577be69c92bf3ce' };
const meter = createMeter({ ...keys, fuel: 'electricity' }, '2026-02-02T08:00:00Z');
const { grouped, token } = issueToken(keys, 'TopUp', { pounds: 10 }, 3);
console.log(grouped, meter.token(token).result, meter.read().meterBalance);
console.log(inspectToken('73946144332040217315', keys).mac);
const report = await runConformance({ filter: 'GBCS-*' });
console.log(`conformance GBCS: ${report.passed}/${report.total}`);
JS
node try.mjs
# The bin as a user runs it: executable, on npx's path, with the licence shipped.
test -x node_modules/nowan/dist/cli/main.js
test -f node_modules/nowan/LICENSE
npx --no-install nowan --version
