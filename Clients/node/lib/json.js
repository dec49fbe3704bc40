'use strict';
// JSON for the wire. Requests: like JSON.stringify, but a BigInt is written as its digits
// (credits are 64-bit integers, beyond what a JS number holds exactly). Responses: JSON.parse;
// money arrives as decimal strings, so no amount passes through floating point.

function encode(value) {
  return JSON.stringify(value, (_key, v) => (typeof v === 'bigint' ? { __billingdBigInt: v.toString() } : v))
    .replace(/\{"__billingdBigInt":"(-?\d+)"\}/g, '$1');
}

module.exports = { encode, decode: JSON.parse };
