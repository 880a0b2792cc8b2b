// The testing kit turns on React's act() environment when nothing set it; the CLI is no test, so
// it says so first (this module is imported before the kit) and updates flush the normal way.
globalThis.IS_REACT_ACT_ENVIRONMENT = false;
