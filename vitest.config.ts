import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts", "tests/**/*.test.tsx"],
    globalSetup: ["tests/global-setup.ts"],
    testTimeout: 20_000,
    hookTimeout: 20_000,
    pool: "forks",
    // @actions/workflow-parser imports its schema JSON without an import attribute, which Node refuses;
    // letting Vite transform it makes the import work (tests/unit/scale-out-examples.test.ts).
    server: { deps: { inline: ["@actions/workflow-parser"] } },
    reporters: process.env.CI ? ["default", ["json", { outputFile: "test-results.json" }]] : ["default"],
  },
});
