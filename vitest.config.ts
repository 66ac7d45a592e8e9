import { defineConfig } from 'vitest/config';

// Two projects: the whole suite on SQLite, always; and, when TEST_DATABASE_URL names a PostgreSQL server
// (`.ci/run` starts one), the repo and service suites again with every store on PostgreSQL
// (test/support/pg-project-setup.ts).

/**
 * Integration files that test SQLite itself rather than the repos over it, so they have no PostgreSQL
 * run: each reaches the file underneath (a second better-sqlite3 handle, the sqlite3 shell, pragmas,
 * the write-turn marker, a child process on the file).
 */
const SQLITE_ONLY = [
  'test/integration/db.test.ts',
  'test/integration/db-concurrency.test.ts',
  'test/integration/write-turns.test.ts',
];

const shared = { testTimeout: 30_000, hookTimeout: 30_000 };

const postgres = process.env.TEST_DATABASE_URL
  ? [
      {
        test: {
          ...shared,
          name: 'postgres',
          include: ['test/integration/**/*.test.ts'],
          exclude: SQLITE_ONLY,
          setupFiles: ['test/support/pg-project-setup.ts'],
        },
      },
    ]
  : [];

export default defineConfig({
  test: {
    ...shared,
    // Tests open real stores and local servers; two workers match the two-core machines.
    poolOptions: { forks: { maxForks: 2, minForks: 1 } },
    pool: 'forks',
    projects: [
      {
        test: {
          ...shared,
          name: 'sqlite',
          include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts', 'test/e2e/**/*.test.ts'],
        },
      },
      ...postgres,
    ],
  },
});
