import { z } from 'zod';
import { containerSerial, ticketNumber } from '../schemas';

/** The container context every Depot call carries: the CmContainer's serial and its Firm Update Counter. */
export const containerRequestSchema = z
  .object({
    ticket: ticketNumber,
    containerSerial,
    firmUpdateCounter: z.number().int().nonnegative(),
    /** Which licenses of the ticket; none: all that apply. */
    licenseNumbers: z.array(z.string().min(1)).default([]),
  })
  .strict();
export type ContainerRequest = z.input<typeof containerRequestSchema>;

export const toWire = (r: z.output<typeof containerRequestSchema>) => ({ ticket: r.ticket, containerSerial: r.containerSerial, firmUpdateCounter: r.firmUpdateCounter, licenseNumber: r.licenseNumbers });
