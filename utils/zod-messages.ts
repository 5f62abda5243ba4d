/**
 * zod/mini ships no messages ("Invalid input" for everything); the classic API registered the
 * English ones on first use. The reasons a record is set aside, backup import errors and
 * settings problems are worded with them: registered by the worker, the popup and the overview
 * (each imports this module first). Not by the content script: its few refusals say "Invalid
 * input" as they always did there, and the messages would cost it 3 KB.
 */
import * as z from 'zod/mini';
import en from 'zod/v4/locales/en.js';

z.config(en());
