import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns'
import type { LookupFunction } from 'node:net'
import { isIP } from 'node:net'

/**
 * Whether an IP address is private, loopback, link-local, unspecified, multicast or otherwise not a public unicast
 * address (RFC 1918, 6598, 3927, 4193, 4291, 5735). IPv4-mapped IPv6 addresses are judged as their IPv4 address.
 */
export function isPrivateAddress(address: string): boolean {
  const family = isIP(address)
  if (family === 4) return privateV4(address)
  if (family === 6) return privateV6(address.toLowerCase())
  return true
}

function privateV4(address: string): boolean {
  const [a = 0, b = 0] = address.split('.').map(Number)
  return (
    a === 0 ||
    a === 10 ||
    a === 127 ||
    (a === 100 && b >= 64 && b <= 127) ||
    (a === 169 && b === 254) ||
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 168) ||
    (a === 192 && b === 0) ||
    (a === 198 && (b === 18 || b === 19)) ||
    a >= 224
  )
}

function privateV6(address: string): boolean {
  const mapped = /^(?:0*:)*:?ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(address)
  if (mapped?.[1]) return privateV4(mapped[1])
  if (address === '::' || address === '::1') return true
  const first = Number.parseInt(address.split(':')[0] || '0', 16)
  return (
    (first & 0xfe00) === 0xfc00 || // fc00::/7 unique local
    (first & 0xffc0) === 0xfe80 || // fe80::/10 link-local
    (first & 0xff00) === 0xff00 // ff00::/8 multicast
  )
}

export class AddressRefused extends Error {
  readonly code = 'EADDRREFUSED'
  constructor(
    readonly hostname: string,
    readonly address: string,
  ) {
    super(`${hostname} resolves to ${address}, a private, loopback or link-local address: refused by the environment`)
  }
}

/**
 * A `lookup` for `http.request` that resolves the name and refuses it when any resolved address is private: the
 * check happens on the very addresses the socket then connects to (no DNS-rebinding window).
 */
export function guardedLookup(allowPrivate: boolean): LookupFunction {
  return (hostname: string, options: LookupOptions, callback): void => {
    const family = typeof options.family === 'number' ? options.family : 0
    dnsLookup(hostname, { all: true, family }, (error, addresses) => {
      if (error) return callback(error, '')
      const list = addresses as LookupAddress[]
      const refused = allowPrivate ? undefined : list.find((a) => isPrivateAddress(a.address))
      if (refused) return callback(new AddressRefused(hostname, refused.address) as NodeJS.ErrnoException, '')
      if (options.all) return callback(null, list)
      const first = list[0]
      if (!first) return callback(Object.assign(new Error(`${hostname} did not resolve`), { code: 'ENOTFOUND' }), '')
      callback(null, first.address, first.family)
    })
  }
}
