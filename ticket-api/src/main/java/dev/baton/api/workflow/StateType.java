package dev.baton.api.workflow;

public enum StateType { START, NORMAL, END }
