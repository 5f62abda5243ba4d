/**
 * Generated stored-task field values, valid and damaged alike, for the tests that compare
 * validators on them (task-check.test.ts: the fast path against the schema;
 * content-tracker-view.test.ts: the content script's view against parseTrackerData).
 */
import fc from 'fast-check';

/** Text around a length limit, and things that are not text at all. */
export const text = (max: number) =>
  fc.oneof(
    fc.string({ maxLength: Math.min(max, 40) }),
    fc.string({ minLength: max - 1, maxLength: max }),
    fc.string({ minLength: max + 1, maxLength: max + 2 }),
    fc.constant(''),
    fc.integer(),
    fc.constant(null),
    fc.constant(undefined),
  );

/** Numbers, odd numbers and things that are not numbers. */
export const num = fc.oneof(fc.integer(), fc.double(), fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, -1, 2 ** 60, 1.5), fc.string({ maxLength: 3 }), fc.constant(undefined));

/** Task addresses: impact.com's, other allowed hosts', and look-alikes that must be refused. */
export const url = fc.constantFrom(
  'https://app.impact.com/secure/mediapartner/campaigns/tasks-flow.ihtml?campaignId=1&taskId=2',
  'https://app.impact.com',
  'HTTPS://APP.IMPACT.COM/x',
  ' https://app.impact.com/x ',
  'https://app.impact.com/x\n',
  'https://app.impact.com/a\tb',
  'https://user:pw@app.impact.com/x',
  'https://app.impact.com:8443/x',
  'http://app.impact.com/x',
  'https:app.impact.com/x',
  'https://app.impact.com.evil.example/x',
  // Other impact.com addresses (utils/page/hosts.ts): any plain https host name, never an IP, localhost or xn--.
  'https://member.impactradius.com/secure/mediapartner/x.ihtml#/t/1',
  'https://partners.example.com/x',
  'https://10.0.0.1/x',
  'https://localhost/x',
  'https://xn--pp-8cd.impact.com/x',
  'https://evil.example/?app.impact.com',
  'javascript:alert(1)',
  'not a url',
  '',
  42,
);
