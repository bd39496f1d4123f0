/**
 * Thin borders drawn as GL lines (one device pixel, two vertices per segment,
 * a vertex shader that only projects), for the thousands of commune borders.
 *
 * Why not a PathLayer: its vertex shader builds joins and miters for every
 * segment of every outline. On a software WebGL rasteriser (office PCs without
 * a GPU, virtual machines) that was measured to dominate the cost of a frame:
 * 10,600 commune outlines took a year switch's frame from about 0.6 s to 2.2 s
 * in SwiftShader, and slowed everything else competing for the CPU. A border
 * one device pixel wide needs none of that work. Segments come from the
 * TopoJSON mesh, so a border shared by two communes is drawn once.
 */
import { Layer, project32, type DefaultProps, type LayerProps, type UpdateParameters } from '@deck.gl/core';
import { Model } from '@luma.gl/engine';

const uniformBlock = /* glsl */ `\
layout(std140) uniform hairlineUniforms {
  vec4 color;
} hairline;
`;

const hairlineUniforms = {
  name: 'hairline',
  vs: uniformBlock,
  fs: uniformBlock,
  uniformTypes: { color: 'vec4<f32>' },
} as const;

const vs = /* glsl */ `\
#version 300 es
#define SHADER_NAME hairline-layer-vertex-shader
in vec3 positions;
in vec3 positions64Low;
out vec4 vColor;
void main(void) {
  geometry.worldPosition = positions;
  vec4 commonspace;
  gl_Position = project_position_to_clipspace(positions, positions64Low, vec3(0.), commonspace);
  geometry.position = commonspace;
  DECKGL_FILTER_GL_POSITION(gl_Position, geometry);
  vColor = vec4(hairline.color.rgb, hairline.color.a * layer.opacity);
  DECKGL_FILTER_COLOR(vColor, geometry);
}
`;

const fs = /* glsl */ `\
#version 300 es
#define SHADER_NAME hairline-layer-fragment-shader
precision highp float;
in vec4 vColor;
out vec4 fragColor;
void main(void) {
  fragColor = vColor;
  DECKGL_FILTER_COLOR(fragColor, geometry);
}
`;

export type HairlineLayerProps = LayerProps & {
  /** x0, y0, x1, y1 per segment (longitude, latitude), e.g. from meshSegments. */
  segments: Float64Array;
  /** RGBA, 0–255. */
  color?: [number, number, number, number];
};

const defaultProps: DefaultProps<HairlineLayerProps> = {
  segments: { type: 'object', value: new Float64Array(0), compare: true },
  color: { type: 'array', value: [255, 255, 255, 255], compare: true },
};

export class HairlineLayer extends Layer<HairlineLayerProps> {
  static layerName = 'HairlineLayer';
  static defaultProps = defaultProps;

  declare state: { model?: Model; positions: Float64Array };

  getShaders() {
    return super.getShaders({ vs, fs, modules: [project32, hairlineUniforms] });
  }

  initializeState(): void {
    this.state = { positions: new Float64Array(0) };
    this.getAttributeManager()!.add({
      positions: {
        size: 3,
        type: 'float64',
        fp64: this.use64bitPositions(),
        update: (attribute) => {
          attribute.value = this.state.positions;
        },
        noAlloc: true,
      },
    });
  }

  updateState(params: UpdateParameters<this>): void {
    super.updateState(params);
    const { props, oldProps, changeFlags } = params;
    if (changeFlags.extensionsChanged || !this.state.model) {
      this.state.model?.destroy();
      this.state.model = this.getModel();
      this.getAttributeManager()!.invalidateAll();
    }
    if (props.segments !== oldProps.segments) {
      // 2D segments to the 3D vertices the projection module takes.
      const s = props.segments;
      const positions = new Float64Array((s.length / 2) * 3);
      for (let i = 0, j = 0; i < s.length; i += 2, j += 3) {
        positions[j] = s[i];
        positions[j + 1] = s[i + 1];
      }
      this.state.positions = positions;
      this.state.model!.setVertexCount(s.length / 2);
      this.getAttributeManager()!.invalidate('positions');
    }
  }

  draw(): void {
    const model = this.state.model;
    if (!model) return;
    const [r, g, b, a] = this.props.color ?? [255, 255, 255, 255];
    model.shaderInputs.setProps({ hairline: { color: [r / 255, g / 255, b / 255, a / 255] } });
    model.draw(this.context.renderPass);
  }

  finalizeState(context: Parameters<Layer['finalizeState']>[0]): void {
    super.finalizeState(context);
    this.state.model?.destroy();
  }

  private getModel(): Model {
    return new Model(this.context.device, {
      ...this.getShaders(),
      id: this.props.id,
      bufferLayout: this.getAttributeManager()!.getBufferLayouts(),
      topology: 'line-list',
      vertexCount: 0,
      isInstanced: false,
    });
  }
}
