// A name a run passed over, as the learning tracker records it: where it was cut and by what (the
// criterion, its value against the threshold), with its score and features on the day.

export interface PassedOver<F> {
  asOf: string;
  symbol: string;
  runId: string | null;
  stage: string;
  criterion: string;
  value: number | null;
  threshold: number | null;
  detail: string | null;
  score: number | null;
  features: F;
}
