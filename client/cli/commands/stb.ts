import { readFile } from 'node:fs/promises';
import { Command } from 'commander';
import { DEFAULT_STB_BILLING } from '../../../api/http/operator-schemas';
import { CliFailure, clientFor, print, printJson } from '../context';
import { Progress } from '../progress';

/** Some rows were rejected (the good ones were imported): scripts can tell this from success and from failure. */
const EXIT_ROWS_REJECTED = 3;

/**
 * `subsync stb import <file.csv>`: "Importar STB". Registers the file's set-top boxes in
 * ISP-Integrator; bad rows are printed by line and reason. Exit 0 when every row was imported
 * or already there, 3 when some rows were rejected, 2 when the file is unreadable or not CSV.
 */
export function registerStbCommands(program: Command): void {
  const stb = program.command('stb').description('set-top boxes');
  stb
    .command('import')
    .description('register the set-top boxes of a CSV file (header casn,asset_number[,model]); importing again changes nothing')
    .argument('<file>', 'the CSV file')
    .option('--billing <billing>', 'ISP-Integrator billing system', DEFAULT_STB_BILLING)
    .option('--json', 'print the API answer as JSON')
    .addHelpText(
      'after',
      '\nExit codes: 0 all rows imported or unchanged, 3 some rows rejected (the others were imported), 2 the file cannot be read or is not CSV, 1 other errors.\n' +
        'Example: subsync stb import boxes.csv',
    )
    .action(async (file: string, options: { billing: string; json?: boolean }, command: Command) => {
      const csv = await readFile(file, 'utf8').catch((err: NodeJS.ErrnoException) => {
        throw new CliFailure(`cannot read ${file}: ${err.code === 'ENOENT' ? 'no such file' : err.message}`, 2);
      });
      // The API imports the whole file in one request and says nothing until it is done: the
      // display can only show what was sent and for how long it has been importing.
      const rows = csv.split(/\r?\n/).filter((l) => l.trim() !== '').length - 1;
      const progress = new Progress({ job: `stb import ${file}`, unit: 'rows', json: options.json });
      progress.update({ detail: `${Math.max(0, rows)} rows sent, ISP-Integrator is registering them` });
      let result;
      try {
        result = await clientFor(command).importSetTopBoxes(csv, options.billing);
      } finally {
        progress.stop();
      }
      if (options.json) printJson(result);
      else {
        print(`imported ${result.imported}, unchanged ${result.unchanged}, rejected ${result.rejected.length}`);
        for (const r of result.rejected) print(`  line ${r.line}: ${r.reason}`);
      }
      if (result.rejected.length > 0) throw new CliFailure(`${result.rejected.length} of the rows in ${file} were rejected`, EXIT_ROWS_REJECTED);
    });
}
