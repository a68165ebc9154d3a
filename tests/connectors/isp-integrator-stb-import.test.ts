import { importSetTopBoxes } from '../../connectors/isp-integrator';
import { PermanentError, TransientError } from '../../connectors/errors';
import { failure, IspIntegratorFixture, startIspIntegrator } from './isp-integrator-support';

/** "Importar STB": CSV rows validated one by one, registered idempotently in ISP-Integrator. */
describe('isp-integrator STB import', () => {
  let fx: IspIntegratorFixture;

  beforeAll(async () => {
    fx = await startIspIntegrator();
  });
  afterAll(() => fx.sim.stop());
  beforeEach(() => fx.sim.reset());

  const boxes = () => fx.sim.state().setTopBoxes;

  const file = [
    'casn,asset_number,model', //            line 1
    'STB000000101,PAT-101,Beenius STB 4K', // line 2: good
    'STB000000102,PAT-102,', //               line 3: good, no model
    'short,PAT-103,X', //                     line 4: bad CASN
    'STB000000104,,X', //                     line 5: no asset number
    '', //                                    line 6: blank, skipped
    'STB000000101,PAT-106,X', //              line 7: duplicate CASN in file
    'STB000000108,PAT-108,X,extra', //        line 8: too many columns
    'STB-000-109,PAT-109,X', //               line 9: bad CASN characters
    'STB000000110,PAT-101,X', //              line 10: duplicate asset number in file
    'STB000000111,PAT-111', //                line 11: good, model column missing
  ].join('\n');

  it('registers good rows and reports bad ones by line and reason', async () => {
    const before = boxes().length;
    const result = await importSetTopBoxes(file, fx.billing);
    expect(result.imported).toBe(3);
    expect(result.unchanged).toBe(0);
    expect(result.rejected.map((r) => r.line)).toEqual([4, 5, 7, 8, 9, 10]);
    const reasons = Object.fromEntries(result.rejected.map((r) => [r.line, r.reason]));
    expect(reasons[4]).toMatch(/CASN must be 8–20 letters or digits/);
    expect(reasons[5]).toMatch(/asset number .* required/);
    expect(reasons[7]).toMatch(/duplicate CASN STB000000101, already on line 2/);
    expect(reasons[8]).toMatch(/at most 3 columns, got 4/);
    expect(reasons[9]).toMatch(/CASN/);
    expect(reasons[10]).toMatch(/duplicate asset number PAT-101, already on line 2/);

    expect(boxes()).toHaveLength(before + 3);
    await expect(fx.billing.findSetTopBoxByAssetNumber('PAT-101')).resolves.toEqual({ casn: 'STB000000101', assetNumber: 'PAT-101', model: 'Beenius STB 4K', status: 'available' });
    await expect(fx.billing.getSetTopBox('STB000000102')).resolves.not.toHaveProperty('model');
  });

  it('changes nothing when the same file is imported again', async () => {
    await importSetTopBoxes(file, fx.billing);
    const after = JSON.stringify(boxes());
    const again = await importSetTopBoxes(file, fx.billing);
    expect(again.imported).toBe(0);
    expect(again.unchanged).toBe(3);
    expect(again.rejected.map((r) => r.line)).toEqual([4, 5, 7, 8, 9, 10]);
    expect(JSON.stringify(boxes())).toBe(after);
  });

  it('reads the Portuguese header, semicolons and a BOM', async () => {
    const pt = '\ufeffCASN;Patrimônio;Modelo\r\nPTBR00000001;PAT-PT-1;Maxi Box\r\nPTBR00000002;;Maxi Box\r\n';
    const result = await importSetTopBoxes(pt, fx.billing);
    expect(result).toEqual({ imported: 1, unchanged: 0, rejected: [{ line: 3, reason: expect.stringMatching(/asset number/) }] });
    await expect(fx.billing.getSetTopBox('PTBR00000001')).resolves.toMatchObject({ assetNumber: 'PAT-PT-1', model: 'Maxi Box' });
  });

  it('rejects a row ISP-Integrator refuses (CASN already registered with another asset number)', async () => {
    const result = await importSetTopBoxes('casn,asset_number,model\nBNS000000001,PAT-OTHER,Beenius STB 4K\nBNS000000002,PAT-00002,Beenius STB 4K\n', fx.billing);
    expect(result.imported).toBe(0);
    expect(result.unchanged).toBe(1);
    expect(result.rejected).toEqual([{ line: 2, reason: expect.stringMatching(/HTTP 409.*PAT-00001/) }]);
  });

  it('counts lines of a quoted field spanning two lines from where the row starts', async () => {
    const result = await importSetTopBoxes('casn,asset_number,model\n"MULTI\nLINE01",PAT-M,X\nSTB000000201,PAT-201,X\n', fx.billing);
    expect(result.rejected).toEqual([{ line: 2, reason: expect.stringMatching(/CASN/) }]);
    expect(result.imported).toBe(1);
  });

  it('refuses a file without the required columns or that is not CSV', async () => {
    const header = await failure(importSetTopBoxes('serial,patrimony\nA,B\n', fx.billing));
    expect(header).toBeInstanceOf(PermanentError);
    expect(header).toMatchObject({ reason: 'validation', message: expect.stringMatching(/line 1.*casn/) });
    expect(await failure(importSetTopBoxes('', fx.billing))).toMatchObject({ reason: 'validation', message: expect.stringMatching(/empty/) });
    expect(await failure(importSetTopBoxes('casn,asset_number\n"STB00000,PAT\n', fx.billing))).toMatchObject({ reason: 'validation', message: expect.stringMatching(/not valid CSV/) });
  });

  it('stops on a transient failure so the import can simply be run again', async () => {
    await fx.sim.faults.add({ kind: 'status', status: 503, operation: 'registerSetTopBox', times: 1 });
    expect(await failure(importSetTopBoxes(file, fx.billing))).toBeInstanceOf(TransientError);
    await expect(importSetTopBoxes(file, fx.billing)).resolves.toMatchObject({ imported: 3, unchanged: 0 });
  });
});
