import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RestartPolicy, CrashWindowMs } from '../src/restartPolicy';

test('crashes restart with growing delays, and the fifth within 3 minutes stops', () => {
  const policy = new RestartPolicy();
  const delays = [0, 1000, 2000, 3000].map(t => policy.onCrash(t));
  assert.deepEqual(delays, [500, 1000, 2000, 4000].map(delayMs => ({ restart: true, delayMs })));
  const fifth = policy.onCrash(4000);
  assert.equal(fifth.restart, false);
  assert.match(!fifth.restart ? fifth.reason : '', /5 times in the last 3 minutes/);
});

test('crashes older than the window are forgotten', () => {
  const policy = new RestartPolicy();
  for (let i = 0; i < 4; i++) policy.onCrash(i);
  assert.deepEqual(policy.onCrash(CrashWindowMs + 10), { restart: true, delayMs: 500 });
});

test('a manual restart resets the count', () => {
  const policy = new RestartPolicy();
  for (let i = 0; i < 4; i++) policy.onCrash(i);
  policy.reset();
  assert.deepEqual(policy.onCrash(5), { restart: true, delayMs: 500 });
});
