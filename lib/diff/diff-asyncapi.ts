import { type AsyncApiIndex, getAtPointer, indexSpec, type Spec } from '../formats/spec'
import { BreakingReason } from './change'
import { diffComponents, diffOtherSections } from './diff-openapi'
import { diffSchema, type SchemaDirection } from './diff-schema'
import { type Emit, fieldChanges } from './emitter'
import { partition, recordOf } from './json-equal'

/**
 * How consumers see a channel's messages: an application that *sends* on a channel publishes to consumers (they
 * receive: response direction); one that *receives* is sent to by them (request direction). A channel no operation
 * uses is judged both ways.
 */
function channelDirections(index: AsyncApiIndex, channel: string): SchemaDirection[] {
  const actions = new Set(index.operations.filter((o) => o.channel === channel).map((o) => o.action))
  const out: SchemaDirection[] = []
  if (actions.has('send') || actions.size === 0) out.push('response')
  if (actions.has('receive') || actions.size === 0) out.push('request')
  return out
}

const channelParts = new Set(['messages'])
const operationParts = new Set(['action', 'channel', 'messages'])

/**
 * Differences between two AsyncAPI 3 documents: channels (address, messages and their payloads and headers),
 * operations (action, channel, messages), components and other sections. Removed channels, operations and messages,
 * a changed address, action or channel, and payload changes that break the side consuming them are flagged.
 */
export function diffAsyncApi(before: Spec, after: Spec, emit: Emit): void {
  const ib = indexSpec(before)
  const ia = indexSpec(after)
  if (ib.kind !== 'asyncapi' || ia.kind !== 'asyncapi') return
  const bDoc = before.document
  const aDoc = after.document
  const unchangedRefs = new Map<string, boolean>()

  const channels = partition(new Map(ib.channels.map((c) => [c.id, c])), new Map(ia.channels.map((c) => [c.id, c])))
  for (const [id, c] of channels.removed) {
    emit({
      kind: 'removed',
      element: `channel ${id}`,
      pointer: c.pointer,
      breaking: BreakingReason.channelRemoved,
      message: `channel ${id} removed`,
    })
  }
  for (const [id, c] of channels.added)
    emit({ kind: 'added', element: `channel ${id}`, pointer: c.pointer, message: `channel ${id} added` })
  for (const [id, cb, ca] of channels.both) {
    const element = `channel ${id}`
    if (cb.address !== ca.address) {
      emit({
        kind: 'changed',
        element,
        pointer: `${ca.pointer}/address`,
        field: 'address',
        before: cb.address,
        after: ca.address,
        breaking: BreakingReason.channelAddressChanged,
        message: `${element}: address changed from ${cb.address ?? 'none'} to ${ca.address ?? 'none'}`,
      })
    }
    fieldChanges(emit, {
      element,
      pointer: ca.pointer,
      before: recordOf(getAtPointer(bDoc, cb.pointer)),
      after: recordOf(getAtPointer(aDoc, ca.pointer)),
      skip: new Set([...channelParts, 'address']),
    })
    const directions = channelDirections(ia, id)
    const messages = partition(new Map(cb.messages.map((m) => [m.id, m])), new Map(ca.messages.map((m) => [m.id, m])))
    for (const [mid] of messages.removed) {
      emit({
        kind: 'removed',
        element,
        pointer: `${ca.pointer}/messages`,
        field: `message ${mid}`,
        breaking: BreakingReason.messageRemoved,
        message: `${element}: message ${mid} removed`,
      })
    }
    for (const [mid, m] of messages.added) {
      emit({
        kind: 'added',
        element,
        pointer: m.pointer,
        field: `message ${mid}`,
        message: `${element}: message ${mid} added`,
      })
    }
    for (const [mid, mb, ma] of messages.both) {
      for (const part of ['payload', 'headers'] as const) {
        if (mb[part] === undefined && ma[part] === undefined) continue
        diffSchema({
          beforeDoc: bDoc,
          afterDoc: aDoc,
          before: mb[part],
          after: ma[part],
          pointer: `${ma.pointer}/${part}`,
          directions,
          element,
          path: `message ${mid} ${part}`,
          emit,
          unchangedRefs,
        })
      }
      if (mb.contentType !== ma.contentType) {
        emit({
          kind: 'changed',
          element,
          pointer: ma.pointer,
          field: `message ${mid} contentType`,
          before: mb.contentType,
          after: ma.contentType,
          breaking: BreakingReason.typeNarrowed,
          message: `${element}: message ${mid} content type changed from ${mb.contentType ?? 'none'} to ${ma.contentType ?? 'none'}`,
        })
      }
    }
  }

  const operations = partition(
    new Map(ib.operations.map((o) => [o.id, o])),
    new Map(ia.operations.map((o) => [o.id, o])),
  )
  for (const [id, o] of operations.removed) {
    emit({
      kind: 'removed',
      element: `operation ${id}`,
      pointer: o.pointer,
      breaking: BreakingReason.operationRemoved,
      message: `operation ${id} removed`,
    })
  }
  for (const [id, o] of operations.added)
    emit({ kind: 'added', element: `operation ${id}`, pointer: o.pointer, message: `operation ${id} added` })
  for (const [id, ob, oa] of operations.both) {
    const element = `operation ${id}`
    if (ob.action !== oa.action) {
      emit({
        kind: 'changed',
        element,
        pointer: `${oa.pointer}/action`,
        field: 'action',
        before: ob.action,
        after: oa.action,
        breaking: BreakingReason.operationActionChanged,
        message: `${element}: action changed from ${ob.action} to ${oa.action}`,
      })
    }
    if (ob.channel !== oa.channel) {
      emit({
        kind: 'changed',
        element,
        pointer: `${oa.pointer}/channel`,
        field: 'channel',
        before: ob.channel,
        after: oa.channel,
        breaking: BreakingReason.operationChannelChanged,
        message: `${element}: channel changed from ${ob.channel ?? 'none'} to ${oa.channel ?? 'none'}`,
      })
    }
    const mb = new Set(ob.messages.map((m) => m.id))
    const ma = new Set(oa.messages.map((m) => m.id))
    for (const mid of mb) {
      if (ma.has(mid)) continue
      emit({
        kind: 'removed',
        element,
        pointer: `${oa.pointer}/messages`,
        field: `message ${mid}`,
        breaking: BreakingReason.messageRemoved,
        message: `${element}: message ${mid} removed`,
      })
    }
    for (const mid of ma) {
      if (!mb.has(mid))
        emit({
          kind: 'added',
          element,
          pointer: `${oa.pointer}/messages`,
          field: `message ${mid}`,
          message: `${element}: message ${mid} added`,
        })
    }
    fieldChanges(emit, {
      element,
      pointer: oa.pointer,
      before: recordOf(getAtPointer(bDoc, ob.pointer)),
      after: recordOf(getAtPointer(aDoc, oa.pointer)),
      skip: operationParts,
    })
  }

  diffComponents(bDoc, aDoc, emit)
  diffOtherSections(bDoc, aDoc, ['channels', 'operations', 'components'], emit)
}
