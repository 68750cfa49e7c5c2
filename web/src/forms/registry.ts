/** The renderer set of every form: cpflow's custom renderers (rank 6–10) over JSON Forms' material set. */
import { materialCells, materialRenderers } from '@jsonforms/material-renderers';
import { customRenderers } from './renderers';

export const renderers = [...customRenderers, ...materialRenderers];
export const cells = materialCells;
