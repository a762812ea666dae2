import { BoxTool } from './box.js';
import { EraserTool } from './eraser.js';
import { HandTool } from './hand.js';
import { LaserTool } from './laser.js';
import { LineTool } from './line.js';
import { PencilTool } from './pencil.js';
import { SelectTool } from './select.js';
import { TextTool } from './text.js';
import type { Tool, ToolContext, ToolName } from './tool.js';

/** One instance of every tool, by name. */
export function createTools(context: ToolContext): Record<ToolName, Tool> {
  return {
    selector: new SelectTool(context),
    pencil: new PencilTool(context),
    eraser: new EraserTool(context),
    rectangle: new BoxTool(context, 'rectangle'),
    ellipse: new BoxTool(context, 'ellipse'),
    straight: new LineTool(context, 'straight'),
    arrow: new LineTool(context, 'arrow'),
    shape: new BoxTool(context, 'shape'),
    text: new TextTool(context),
    laserPointer: new LaserTool(context),
    hand: new HandTool(context.camera, context.setCursor),
  };
}
