import { CpuProfile, summariseProfile } from './profile';

describe('summariseProfile', () => {
  it('groups the busy samples by package, source folder, node internals and GC, leaving idle out', () => {
    const frame = (id: number, functionName: string, url: string) => ({ id, callFrame: { functionName, url } });
    const profile: CpuProfile = {
      nodes: [
        frame(1, '(idle)', ''),
        frame(2, '(garbage collector)', ''),
        frame(3, 'parse', '/srv/subsync/node_modules/@temporalio/worker/lib/worker.js'),
        frame(4, 'invoicePage', '/srv/subsync/activities/invoicing-activities.ts'),
        frame(5, 'writeGeneric', 'node:internal/stream_base_commons'),
      ],
      // 10 samples over 10 ms of profile (startTime/endTime in µs): 1 ms each.
      samples: [1, 1, 1, 1, 3, 3, 3, 4, 2, 5],
      startTime: 0,
      endTime: 10_000,
    };
    const section = summariseProfile('t', profile, 2.5);
    expect(section.rows).toEqual([
      ['npm:@temporalio/worker', 3, '50.0 %'],
      ['src:activities', 1, '16.7 %'],
      ['(gc)', 1, '16.7 %'],
      ['node:stream_base_commons', 1, '16.7 %'],
    ]);
    expect(section.notes?.[0]).toMatch(/^main thread busy 0\.0 s; the whole process used 2\.5 s of CPU/);
  });
});
