package org.cnnworkbench.app.ui.view.canvas;

import java.util.Locale;
import java.util.Objects;
import javafx.geometry.Insets;
import javafx.geometry.Point2D;
import javafx.geometry.VPos;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Region;
import javafx.scene.shape.Circle;
import javafx.scene.text.Text;
import javafx.util.Duration;
import org.cnnworkbench.engine.analysis.NodeResult;
import org.cnnworkbench.engine.analysis.NodeStatus;
import org.cnnworkbench.engine.kinds.KindDescriptor;
import org.cnnworkbench.engine.model.Node;

/**
 * One node on the canvas: a card with a category-coloured stripe, the id, the kind and its key parameters,
 * the output shape and the parameter count; an input port at the top centre and an output port at the bottom
 * centre. Uses {@link Text} rather than labels, because a canvas may hold thousands of cards, and lays its texts
 * out itself in seven scene nodes (the card, four texts, two ports): JavaFX visits every node of the scene at each
 * pulse that changes anything, so a network of 2,000 nodes pays for each node a card has at every edit, pan and
 * zoom (README, "Edit to screen"). The stripe is the first layer of the card's own background.
 *
 * <p>Its position is its layout x/y (the top-left corner, in canvas units). It only shows state; the canvas
 * handles the mouse.
 */
public final class NodeCard extends Region {

    public static final double WIDTH = 184;
    static final double PORT_RADIUS = 5;

    /** Between two lines of text. */
    private static final double LINE_GAP = 1;
    /** Between the output shape and the parameter count on the last line. */
    private static final double NUMBERS_GAP = 8;

    private final Text idText = new Text();
    /** The kind and, on a second line, its key parameters (the same style). */
    private final Text kindText = new Text();
    private final Text shapeText = new Text();
    private final Text countText = new Text();
    private final Circle inPort = new Circle(PORT_RADIUS);
    private final Circle outPort = new Circle(PORT_RADIUS);
    /** Created on first need: most cards never have one, and tooltips are not cheap. */
    private Tooltip tooltip;
    private Node node;
    private NodeResult result;
    private boolean tooltipInstalled;
    private String categoryClass;

    public NodeCard(Node node, KindDescriptor kind) {
        getStyleClass().add("node-card");
        setMinWidth(WIDTH);
        setPrefWidth(WIDTH);
        setMaxWidth(WIDTH);
        setMinHeight(USE_PREF_SIZE);
        setMaxHeight(USE_PREF_SIZE);
        idText.getStyleClass().add("node-card-id");
        kindText.getStyleClass().add("node-card-kind");
        shapeText.getStyleClass().add("node-card-shape");
        countText.getStyleClass().add("node-card-count");
        for (Text t : new Text[] {idText, kindText, shapeText, countText}) {
            t.setTextOrigin(VPos.TOP);
        }
        kindText.setLineSpacing(LINE_GAP);
        inPort.getStyleClass().addAll("port", "port-in");
        outPort.getStyleClass().addAll("port", "port-out");
        inPort.setManaged(false);
        outPort.setManaged(false);
        getChildren().addAll(idText, kindText, shapeText, countText, inPort, outPort);
        setNode(node, kind);
    }

    /** The id, the kind and its parameters (two lines), then the shape and the count side by side. */
    @Override
    protected double computePrefHeight(double width) {
        Insets in = getInsets();
        return snapSizeY(in.getTop() + height(idText) + LINE_GAP + height(kindText) + LINE_GAP
                + Math.max(height(shapeText), height(countText)) + in.getBottom());
    }

    @Override
    protected void layoutChildren() {
        Insets in = getInsets();
        double x = snapPositionX(in.getLeft());
        double y = snapPositionY(in.getTop());
        idText.relocate(x, y);
        y = snapPositionY(y + height(idText) + LINE_GAP);
        kindText.relocate(x, y);
        y = snapPositionY(y + height(kindText) + LINE_GAP);
        shapeText.relocate(x, y);
        countText.relocate(snapPositionX(x + shapeText.getLayoutBounds().getWidth() + NUMBERS_GAP), y);
        inPort.relocate(getWidth() / 2 - PORT_RADIUS, -PORT_RADIUS);
        outPort.relocate(getWidth() / 2 - PORT_RADIUS, getHeight() - PORT_RADIUS);
    }

    private static double height(Text t) {
        return t.getLayoutBounds().getHeight();
    }

    /** Shows another version of the node (new parameters, kind or inputs). */
    void setNode(Node newNode, KindDescriptor kind) {
        this.node = newNode;
        idText.setText(CardText.fit(newNode.id()));
        kindText.setText(CardText.fit(newNode.kind()) + "\n" + CardText.fit(CardText.keyParams(newNode, kind)));
        String category = "category-" + (kind == null ? "unknown" : kind.category().name().toLowerCase(Locale.ROOT));
        if (!category.equals(categoryClass)) {
            if (categoryClass != null) {
                getStyleClass().remove(categoryClass);
            }
            getStyleClass().add(category);
            categoryClass = category;
        }
    }

    /** Shows the node's analysis: numbers, error or blocked state, and the diagnostics as tooltip. */
    void setResult(NodeResult newResult) {
        this.result = newResult;
        shapeText.setText(CardText.fit(CardText.shape(newResult)));
        countText.setText(CardText.params(newResult));
        NodeStatus status = newResult == null ? null : newResult.status();
        setStyleClass("node-card-error", status == NodeStatus.ERROR);
        setStyleClass("node-card-blocked", status == NodeStatus.BLOCKED);
        setStyleClass("node-card-warning", status == NodeStatus.OK && !newResult.diagnostics().isEmpty());
        String tip = CardText.tooltip(newResult);
        if (tip != null) {
            if (tooltip == null) {
                tooltip = new Tooltip();
                tooltip.setShowDelay(Duration.millis(300));
                tooltip.setShowDuration(Duration.seconds(30));
                tooltip.setWrapText(true);
                tooltip.setMaxWidth(420);
            }
            tooltip.setText(tip);
            if (!tooltipInstalled) {
                Tooltip.install(this, tooltip);
                tooltipInstalled = true;
            }
        } else if (tooltipInstalled) {
            Tooltip.uninstall(this, tooltip);
            tooltipInstalled = false;
        }
    }

    void setSelected(boolean selected) {
        setStyleClass("node-card-selected", selected);
    }

    private void setStyleClass(String styleClass, boolean on) {
        boolean has = getStyleClass().contains(styleClass);
        if (on && !has) {
            getStyleClass().add(styleClass);
        } else if (!on && has) {
            getStyleClass().remove(styleClass);
        }
    }

    /** Moves the card's top-left corner to a canvas position. */
    void moveTo(double x, double y) {
        if (getLayoutX() != x) {
            setLayoutX(x);
        }
        if (getLayoutY() != y) {
            setLayoutY(y);
        }
    }

    public String nodeId() {
        return node.id();
    }

    public Node node() {
        return node;
    }

    public NodeResult result() {
        return result;
    }

    public boolean isSelected() {
        return getStyleClass().contains("node-card-selected");
    }

    /** The diagnostics tooltip, or null when the node has nothing to say. */
    public Tooltip tooltip() {
        return tooltipInstalled ? tooltip : null;
    }

    public Circle inputPort() {
        return inPort;
    }

    public Circle outputPort() {
        return outPort;
    }

    /** Height used before the card has been laid out (e.g. right after it was created). */
    double cardHeight() {
        return getHeight() > 0 ? getHeight() : 76;
    }

    /** Where edges leaving this card start, in canvas units. */
    Point2D outputPoint() {
        return new Point2D(getLayoutX() + WIDTH / 2, getLayoutY() + cardHeight());
    }

    /** Where edges entering this card end, in canvas units. */
    Point2D inputPoint() {
        return new Point2D(getLayoutX() + WIDTH / 2, getLayoutY());
    }

    /** Whether the canvas point lies on the card. */
    boolean containsCanvasPoint(double x, double y) {
        return x >= getLayoutX() && x <= getLayoutX() + WIDTH && y >= getLayoutY() - PORT_RADIUS
                && y <= getLayoutY() + cardHeight() + PORT_RADIUS;
    }

    static boolean sameResult(NodeResult a, NodeResult b) {
        return a == b || Objects.equals(a, b);
    }

    @Override
    public String toString() {
        return "NodeCard[" + node.id() + "]";
    }
}
