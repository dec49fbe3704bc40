// Type-checked (never run) by test/declarations.test.js with tsc --strict: the declarations
// accept correct calls and reject wrong ones (each @ts-expect-error must be an error).

import {
  BillingClient, BillingError, BillingConnectionError, InsufficientCreditsError,
  type CreditsConsumeParams, type CreditsConsumeResult, type MethodName,
} from '../../index';

async function usage(): Promise<void> {
  const client = new BillingClient({ socketPath: '/run/billingd/billingd.sock', timeoutMs: 5000 });
  const health = await client.call('system.health');
  const ok: 'ok' = health.status;
  const params: CreditsConsumeParams = { user_id: 'u1', amount: 3, idempotency_key: 'job-42' };
  const used: CreditsConsumeResult = await client.call('credits.consume', params);
  const dry: boolean = used.dry_run;
  await client.call('credits.consume', { user_id: 'u1', amount: 9007199254740993n });
  await client.call('usage.summary', { from: '2026-01-01T00:00:00Z', to: '2026-02-01T00:00:00Z', group_by: 'day' });
  await client.call('plans.list');
  await client.call('some.future_method', { anything: [1, 'two'] });
  const method: MethodName = 'credits.get';

  // @ts-expect-error amount must be an integer, not a string
  await client.call('credits.consume', { user_id: 'u1', amount: '3' });
  // @ts-expect-error user_id is required
  await client.call('credits.get', {});
  // @ts-expect-error credits.get takes params
  await client.call('credits.get');
  // @ts-expect-error group_by is one of the enum's values
  await client.call('usage.summary', { from: 'a', to: 'b', group_by: 'week' });
  // @ts-expect-error not a member of the result
  used.current_credit;
  // @ts-expect-error not a method of the contract
  const wrong: MethodName = 'credits.steal';

  try {
    await client.call('credits.consume', { user_id: 'u1', amount: 1000 });
  } catch (e) {
    if (e instanceof InsufficientCreditsError) {
      const short: number = e.data.requested - e.data.available;
      const code: number = e.code;
      void short; void code;
    } else if (e instanceof BillingError) {
      const type: string | null = e.type;
      void type;
    } else if (e instanceof BillingConnectionError) {
      const code: 'ECONNLOST' | 'EUNREACHABLE' | 'ETIMEDOUT' = e.code;
      void code;
    }
  }
  client.close();
  void ok; void dry; void method; void wrong;
}
void usage;
