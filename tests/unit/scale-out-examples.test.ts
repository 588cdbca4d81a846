// Checks the scale-out recipes in examples/scale-out/ (documented in docs/scale-out.md): the GitHub Actions
// workflow against GitHub's own workflow schema (@actions/workflow-parser, the parser behind GitHub's Actions
// language service), the Kubernetes manifests against the Kubernetes OpenAPI schemas (kubernetes-models), the
// invariants the page promises, and that every protoagent flag they use exists in the built CLI's --help.
// The Kubernetes OpenAPI schemas allow unknown fields (the API server rejects them under strict field
// validation), so the invariant tests name the fields that matter (backoffLimit, completionMode, …).
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { convertWorkflowTemplate, NoOperationTraceWriter, parseWorkflow } from "@actions/workflow-parser";
import { Job } from "kubernetes-models/batch/v1/Job";
import { ConfigMap } from "kubernetes-models/v1/ConfigMap";
import { PersistentVolumeClaim } from "kubernetes-models/v1/PersistentVolumeClaim";
import { describe, expect, it } from "vitest";
import { parse, parseAllDocuments } from "yaml";
import { CLI } from "../helpers/run-cli.js";

const dir = new URL("../../examples/scale-out/", import.meta.url);
const read = (name: string) => readFileSync(new URL(name, dir), "utf8");

/** Flags the examples may use that the CLI does not have yet (none now: every flag must exist). */
const PLANNED_FLAGS = new Set<string>();

// biome-ignore lint/suspicious/noExplicitAny: parsed YAML is untyped; each test narrows what it reads.
type Yaml = any;

function k8sDocs(name: string): Yaml[] {
  const docs = parseAllDocuments(read(name));
  for (const d of docs) expect(d.errors, `${name}: YAML errors`).toEqual([]);
  return docs.map((d) => d.toJS());
}

/** Validates one manifest with the kubernetes-models class for its kind; throws with the schema errors. */
function validateK8s(doc: Yaml): void {
  const models: Record<string, { new (data: Yaml): { validate(): void } }> = {
    "batch/v1 Job": Job,
    "v1 ConfigMap": ConfigMap,
    "v1 PersistentVolumeClaim": PersistentVolumeClaim,
  };
  const Model = models[`${doc.apiVersion} ${doc.kind}`];
  if (!Model) throw new Error(`no schema wired for ${doc.apiVersion} ${doc.kind}`);
  new Model(doc).validate();
}

/** Every protoagent invocation in a shell script: continuation lines joined, cut at the end of the command. */
function shellInvocations(script: string): string[][] {
  const calls: string[][] = [];
  for (const line of script.replace(/\\\n/g, " ").split("\n")) {
    const at = line.search(/(^|[\s;&|(])protoagent\s/);
    if (at < 0) continue;
    const command = line.slice(at).split(/\s(?:>|\||;|&&|\|\|)/)[0] ?? "";
    calls.push(command.trim().split(/\s+/).slice(1));
  }
  return calls;
}

const flagsOf = (words: string[]) => words.filter((w) => /^--?[a-zA-Z][\w-]*$/.test(w));

function k8sInvocations(doc: Yaml): string[][] {
  const calls: string[][] = [];
  for (const c of doc.spec.template.spec.containers as Yaml[]) {
    if (!c.command)
      calls.push(c.args ?? []); // the image's ENTRYPOINT is protoagent
    else if (c.command[0] === "/bin/sh") calls.push(...shellInvocations((c.args ?? []).join("\n")));
  }
  return calls;
}

describe("GitHub Actions workflow", () => {
  const text = read("github-actions.yml");
  const wf: Yaml = parse(text);
  const job = wf.jobs.agent;
  const runs = (job.steps as Yaml[]).map((s) => s.run).filter(Boolean) as string[];

  it("is valid against GitHub's workflow schema", async () => {
    const parsed = parseWorkflow({ name: "github-actions.yml", content: text }, new NoOperationTraceWriter());
    const errors = parsed.context.errors.getErrors().map((e) => e.message);
    expect(errors).toEqual([]);
    expect(parsed.value).toBeDefined();
    const template = await convertWorkflowTemplate(parsed.context, parsed.value!);
    expect((template.errors ?? []).map((e) => e.Message)).toEqual([]);
  });

  it("runs a matrix of tasks, headless with JSON output and limits", () => {
    expect(job.strategy.matrix.task.length).toBeGreaterThan(1);
    const calls = runs.flatMap(shellInvocations).filter((c) => c.includes("-p"));
    expect(calls.length).toBe(1);
    const args = calls[0]!.join(" ");
    expect(args).toContain("--output-format json");
    expect(args).toMatch(/--max-turns \d+/);
    expect(args).toMatch(/--max-cost [\d.]+/);
    expect(args).toContain("--sandbox workspace-write");
  });

  it("takes keys from secrets only and installs bubblewrap", () => {
    const env = (job.steps as Yaml[]).find((s) => s.env?.OPENAI_API_KEY)?.env;
    expect(env.OPENAI_API_KEY).toBe("${{ secrets.OPENAI_API_KEY }}");
    expect(text).not.toMatch(/\b(sk-|ghp_|AKIA)[A-Za-z0-9]/);
    expect(runs.join("\n")).toMatch(/apt-get install[^\n]*bubblewrap/);
  });

  it("uploads the JSON result as an artifact, also when the run failed", () => {
    const upload = (job.steps as Yaml[]).find((s) => String(s.uses).startsWith("actions/upload-artifact@"));
    expect(upload.if).toBe("always()");
    expect(upload.with.path).toContain("result.json");
  });
});

describe("Kubernetes Jobs", () => {
  const single = k8sDocs("k8s-job.yaml");
  const indexed = k8sDocs("k8s-indexed-job.yaml");
  const jobs = [...single, ...indexed].filter((d) => d.kind === "Job");

  it("are valid against the Kubernetes OpenAPI schemas", () => {
    expect(jobs.length).toBe(2);
    for (const doc of [...single, ...indexed]) expect(() => validateK8s(doc)).not.toThrow();
  });

  it("rejects a broken manifest (the validator is live)", () => {
    const broken = structuredClone(jobs[0]);
    broken.spec.backoffLimit = "three";
    expect(() => validateK8s(broken)).toThrow(/backoffLimit/);
  });

  it("bound retries and resources, take the key from a Secret and run as non-root", () => {
    for (const job of jobs) {
      expect(job.spec.backoffLimit).toBeTypeOf("number");
      const pod = job.spec.template.spec;
      expect(pod.restartPolicy).toBe("Never");
      expect(pod.securityContext.runAsNonRoot).toBe(true);
      for (const c of [...(pod.initContainers ?? []), ...pod.containers]) {
        expect(c.resources.limits.cpu, c.name).toBeDefined();
        expect(c.resources.limits.memory, c.name).toBeDefined();
      }
      const agent = pod.containers.find((c: Yaml) => c.name === "agent");
      const key = agent.env.find((e: Yaml) => e.name === "OPENAI_API_KEY");
      expect(key.value).toBeUndefined();
      expect(key.valueFrom.secretKeyRef.name).toBeTruthy();
      const call = k8sInvocations(job)[0]!.join(" ");
      expect(call).toContain("--output-format json");
      expect(call).toMatch(/--max-turns \d+/);
      expect(call).toMatch(/--max-cost [\d.]+/);
    }
  });

  it("the indexed Job picks its task by JOB_COMPLETION_INDEX from the ConfigMap", () => {
    const job = indexed.find((d) => d.kind === "Job");
    const tasks = indexed.find((d) => d.kind === "ConfigMap");
    expect(job.spec.completionMode).toBe("Indexed");
    expect(Object.keys(tasks.data).sort()).toEqual(
      Array.from({ length: job.spec.completions }, (_, i) => `task-${i}`).sort(),
    );
    const volumes = job.spec.template.spec.volumes as Yaml[];
    expect(volumes.find((v) => v.configMap)?.configMap.name).toBe(tasks.metadata.name);
    expect(job.spec.template.spec.containers[0].args.join("\n")).toContain("task-${JOB_COMPLETION_INDEX}");
  });
});

describe("Dockerfile", () => {
  const text = read("Dockerfile");
  const lines = text.split("\n").filter((l) => !l.trimStart().startsWith("#"));
  const runtime = lines.slice(lines.findLastIndex((l) => l.startsWith("FROM ")));

  it("installs bubblewrap, git and ripgrep on a Debian-slim Node >= 20 image", () => {
    expect(runtime[0]).toMatch(/^FROM node:(2\d|[3-9]\d)[\w.-]*-slim\b/);
    const installs = runtime.join("\n").match(/apt-get install[^&]*/)?.[0] ?? "";
    for (const pkg of ["bubblewrap", "git", "ripgrep"]) expect(installs).toMatch(new RegExp(`\\b${pkg}\\b`));
  });

  it("runs protoagent as a non-root user", () => {
    const user = runtime.filter((l) => l.startsWith("USER ")).at(-1);
    expect(user).toBeDefined();
    expect(user).not.toMatch(/^USER\s+(root|0)(\s|:|$)/);
    expect(runtime).toContain('ENTRYPOINT ["protoagent"]');
  });
});

describe("protoagent flags used by the examples", () => {
  const help = execFileSync(process.execPath, [CLI, "--help"], { encoding: "utf8" });
  const known = new Set(
    [...help.matchAll(/^\s{2}(?:(-\w), )?(--[\w-]+)/gm)].flatMap((m) => [m[1], m[2]].filter(Boolean)),
  );
  const used = [
    ...parse(read("github-actions.yml"))
      .jobs.agent.steps.map((s: Yaml) => s.run ?? "")
      .flatMap(shellInvocations),
    ...[...k8sDocs("k8s-job.yaml"), ...k8sDocs("k8s-indexed-job.yaml")]
      .filter((d) => d.kind === "Job")
      .flatMap(k8sInvocations),
  ].flatMap(flagsOf);

  it("reads the flags from --help", () => {
    expect(known).toContain("--output-format");
    expect(known).toContain("-p");
  });

  it("every flag the examples pass exists in the CLI", () => {
    expect(used.length).toBeGreaterThan(10);
    const unknown = [...new Set(used)].filter((f) => !known.has(f) && !PLANNED_FLAGS.has(f));
    expect(unknown).toEqual([]);
  });
});
