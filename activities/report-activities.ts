import type { PeriodReporter } from '../domain/outbox';
import { mapFailures } from './failures';
import type { ReportActivities } from './outbox-types';

/** The periodic report's activity: the reporter (notifications/report) counts, renders and mails. */
export function createReportActivities(deps: { reporter: () => PeriodReporter | undefined }): ReportActivities {
  return mapFailures<ReportActivities>({
    async sendPeriodReport({ at }) {
      const reporter = deps.reporter();
      if (!reporter) throw new Error('no periodic report is configured in this worker');
      return reporter.send({ at });
    },
  });
}
