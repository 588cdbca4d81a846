// Agreement of edit_file's pure core (applyEdit) with the expected results of other agents' published edit tests,
// restated in tests/fixtures/edits/*.json (provenance in each file). A case agrees when the peer expects a refusal
// and we refuse, or expects an edit and we produce its exact text (or, where the peer only checks that the result
// contains the replacement, we do too). Run: npx tsx bench/edit-agreement.bench.mjs
import { judgeAll } from "../tests/helpers/edit-peers.ts";

const verdicts = judgeAll();
const bySource = new Map();
for (const v of verdicts) {
  const row = bySource.get(v.source) ?? { source: v.source, cases: 0, agree: 0, byDesign: 0 };
  row.cases++;
  if (v.agrees) row.agree++;
  else if (v.byDesign) row.byDesign++;
  bySource.set(v.source, row);
}
console.table([...bySource.values()]);
const agree = verdicts.filter((v) => v.agrees).length;
const deliberate = verdicts.filter((v) => !v.agrees && v.byDesign).length;
const pct = (a, b) => `${((100 * a) / b).toFixed(1)} %`;
console.log(`all cases: ${agree}/${verdicts.length} agree (${pct(agree, verdicts.length)})`);
console.log(
  `excluding ${deliberate} deliberate differences: ${agree}/${verdicts.length - deliberate} (${pct(agree, verdicts.length - deliberate)})`,
);
for (const v of verdicts.filter((x) => !x.agrees))
  console.log(`  differs: ${v.source} ${v.id}: ${v.ours} — ${v.byDesign ?? "UNEXPLAINED"}`);
