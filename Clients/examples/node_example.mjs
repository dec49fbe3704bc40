#!/usr/bin/env node
// End-to-end flow with the Node client against a running billingd.
//
//   npm install ./Clients/node      (in your project; no registry needed)
//   node node_example.mjs [USER_ID]
//
// The socket is $BILLINGD_SOCKET, else ./billingd.sock.

import { randomUUID } from 'node:crypto';
import {
  AlreadyExistsError, BillingClient, BillingConnectionError, InsufficientCreditsError,
} from 'billingd-client';

const user = process.argv[2] || `example-${randomUUID().slice(0, 8)}`;
const client = new BillingClient();
try {
  // 1. A free subscription: 10 credits for the period.
  try {
    const { subscription } = await client.call('subscriptions.create', { user_id: user, plan_id: 'free' });
    console.log(`subscribed ${user} to ${subscription.plan_id} (${subscription.status})`);
  } catch (e) {
    if (!(e instanceof AlreadyExistsError)) throw e;
    console.log(`${user} already has a live subscription`);
  }

  // 2. Spend with an idempotency key: a retry of the same job never pays twice.
  const job = { user_id: user, amount: 3, idempotency_key: `job-${user}-1`, usage_type: 'ai_generation', cost_usd: '0.0042' };
  const first = await client.call('credits.consume', job);
  const again = await client.call('credits.consume', job);
  if (again.usage_id !== first.usage_id) throw new Error('the retry spent twice');
  console.log(`consumed 3 credits (usage ${first.usage_id}), ${again.current_credits} left; the retry changed nothing`);

  // 3. Read the balance.
  const credits = await client.call('credits.get', { user_id: user });
  console.log(`balance: ${credits.current_credits} current, ${credits.total_credits_used} used in total`);

  // 4. Ask for more than there is.
  try {
    await client.call('credits.consume', { user_id: user, amount: 1000 });
  } catch (e) {
    if (!(e instanceof InsufficientCreditsError)) throw e;
    console.log(`cannot spend ${e.data.requested} credits: only ${e.data.available} available (${e.type}, ${e.code})`);
  }
} catch (e) {
  if (!(e instanceof BillingConnectionError)) throw e;
  console.error(`billingd unreachable: ${e.message}`);
  process.exitCode = 2;
} finally {
  client.close();
}
