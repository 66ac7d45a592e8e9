import { expect } from 'vitest';
import { ProviderError } from '../../src/shared/errors';

/** The ProviderError a promise rejects with (fails the test if it resolves or throws something else). */
export async function rejection(p: Promise<unknown>): Promise<ProviderError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ProviderError);
  return err as ProviderError;
}
