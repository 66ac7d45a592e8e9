import { expect } from 'vitest';
import { ProviderError } from '../../src/shared/errors';

/** The error of class `type` a promise rejects with (fails the test if it resolves or throws something else). */
export async function rejectionOf<E>(p: Promise<unknown>, type: abstract new (...args: never[]) => E): Promise<E> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(type);
  return err as E;
}

/** The ProviderError a promise rejects with (fails the test if it resolves or throws something else). */
export const rejection = (p: Promise<unknown>): Promise<ProviderError> => rejectionOf(p, ProviderError);
