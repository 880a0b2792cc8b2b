import createReconciler from 'react-reconciler';
import { hostConfig } from './host-config.js';

/** The one reconciler instance every workflow root shares. */
export const reconciler = createReconciler(hostConfig);
