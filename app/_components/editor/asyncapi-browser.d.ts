// The AsyncAPI component's browser bundle (parser included, built for browsers): the ESM entry pulls Node-only
// modules (fs, util) through the parser's readers, which a browser bundle cannot resolve.
declare module '@asyncapi/react-component/browser/index.js' {
  import type AsyncApiComponent from '@asyncapi/react-component'

  const bundle: { default: typeof AsyncApiComponent }
  export default bundle
}
