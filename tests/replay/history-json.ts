import path from 'node:path';
import * as proto from '@temporalio/proto';
import { patchProtobufRoot } from '@temporalio/proto/lib/patch-protobuf-root';

export type History = proto.temporal.api.history.v1.IHistory;

interface ProtoJson {
  toJson(type: unknown, message: unknown): unknown;
  fromJson(type: unknown, json: unknown, options?: { ignoreUnknownFields?: boolean }): History;
}

/*
 * Histories are stored in Temporal's JSON form (what `temporal workflow show --output json` prints,
 * proto3 JSON). The SDK's own `historyToJSON` / `historyFromJSON` (@temporalio/common/lib/proto-utils,
 * which `Worker.runReplayHistories` also calls for JSON input) throw "type must be a Type" in this
 * install: they take protobufjs's protojson from the copy nested under @temporalio/common and check
 * `instanceof Type` against the History type built by the copy nested under @temporalio/proto (npm
 * nests a copy per package because the top-level protobufjs is @grpc/proto-loader's 7.x). Taking
 * protojson from the copy @temporalio/proto itself resolves works with any layout.
 */
const protoDir = path.dirname(require.resolve('@temporalio/proto/package.json'));
// eslint-disable-next-line @typescript-eslint/no-require-imports
const protojson = require(require.resolve('protobufjs/ext/protojson', { paths: [protoDir] })) as ProtoJson;
const historyType = (patchProtobufRoot(proto) as unknown as { lookupType(name: string): unknown }).lookupType('temporal.api.history.v1.History');

/** A fetched history (`handle.fetchHistory()`) as Temporal's JSON form, indented one space per level. */
export function historyToJson(history: History): string {
  const json = protojson.toJson(historyType, proto.temporal.api.history.v1.History.fromObject(history));
  return `${JSON.stringify(json, null, 1)}\n`;
}

/** A history read back from its JSON form, ready for `Worker.runReplayHistory(ies)`. Unknown fields (a newer server's) are ignored. */
export function historyFromJson(json: unknown): History {
  return protojson.fromJson(historyType, json, { ignoreUnknownFields: true });
}
