import { deviceSteps } from './steps';

describe('deviceSteps', () => {
  it('binds a new point and unbinds a removed one', () => {
    expect(deviceSteps([{ casn: 'A', location: 'Sala' }], [{ casn: 'B', location: 'Quarto 1' }])).toEqual([
      { op: 'tv.unbind', casn: 'A' },
      { op: 'tv.bind', casn: 'B', location: 'Quarto 1' },
    ]);
  });

  it('turns a changed box on the same point into a swap', () => {
    expect(deviceSteps([{ casn: 'A', location: 'Sala' }], [{ casn: 'B', location: 'Sala' }])).toEqual([{ op: 'tv.swap', oldCasn: 'A', newCasn: 'B' }]);
  });

  it('re-binds a box that moved to another point', () => {
    expect(deviceSteps([{ casn: 'A', location: 'Sala' }], [{ casn: 'A', location: 'Quarto 1' }])).toEqual([
      { op: 'tv.unbind', casn: 'A' },
      { op: 'tv.bind', casn: 'A', location: 'Quarto 1' },
    ]);
  });

  it('does nothing when the points match', () => {
    expect(deviceSteps([{ casn: 'A', location: 'Sala' }], [{ casn: 'A', location: 'Sala' }])).toEqual([]);
  });
});
